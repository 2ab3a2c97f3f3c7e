using PolicyEditor.Engine.Lint;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>A NetworkPolicy of the draft as the policy list and its details show it.</summary>
/// <param name="Policy">The policy.</param>
/// <param name="Selected">The workloads it selects.</param>
/// <param name="Findings">The linter's warnings on it.</param>
public sealed record PolicyFacts(NetworkPolicy Policy, IReadOnlyList<Workload> Selected, IReadOnlyList<LintFinding> Findings);
