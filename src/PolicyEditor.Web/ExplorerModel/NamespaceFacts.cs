using PolicyEditor.Engine.Lint;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>What the inspector shows of a namespace in the draft.</summary>
/// <param name="Namespace">The namespace's name.</param>
/// <param name="Workloads">Its workloads, by name.</param>
/// <param name="Policies">Its NetworkPolicies, by name.</param>
/// <param name="Findings">The linter's warnings on its policies.</param>
/// <param name="Labels">Its labels.</param>
/// <param name="DefaultDenyIngress">Whether a policy selecting every pod isolates its ingress.</param>
/// <param name="DefaultDenyEgress">Whether a policy selecting every pod isolates its egress.</param>
public sealed record NamespaceFacts(
    string Namespace,
    IReadOnlyList<Workload> Workloads,
    IReadOnlyList<NetworkPolicy> Policies,
    IReadOnlyList<LintFinding> Findings,
    IReadOnlyDictionary<string, string> Labels,
    bool DefaultDenyIngress,
    bool DefaultDenyEgress);
