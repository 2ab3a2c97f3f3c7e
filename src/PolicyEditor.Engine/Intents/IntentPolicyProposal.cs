using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Intents;

/// <summary>
/// The NetworkPolicies that make the declared calls true, as the intents operator would write them: one
/// access policy per server, egress policies for clients whose egress is already restricted, and the
/// external-access policies that keep LoadBalancer, NodePort and Ingress traffic flowing to servers the
/// access policies isolate. <see cref="After"/> is the cluster with them applied (and, in
/// <see cref="IntentSelectorMode.OtterizeLabels"/>, with the labels the operator adds to pods).
/// </summary>
public sealed record IntentPolicyProposal(
    IReadOnlyList<NetworkPolicy> Policies,
    IReadOnlyList<NetworkPolicy> ExternalPolicies,
    IReadOnlyList<Workload> Relabeled,
    IReadOnlyList<string> Notes,
    Cluster After)
{
    /// <summary>Every proposed policy: access and egress first, then external access.</summary>
    public IEnumerable<NetworkPolicy> All => Policies.Concat(ExternalPolicies);
}
