using Microsoft.Extensions.Logging.Abstractions;
using PolicyEditor.Engine.ClusterGeneration;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Lint;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Web.Access;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.Workspace;

/// <summary>A draft's lint is found again only in the namespaces its edits touch, and equals a lint of the whole draft.</summary>
public sealed class DraftLintTests
{
    private static readonly Cluster Med = ClusterGenerator.Generate(GeneratorProfile.Med);

    public static TheoryData<string> Edits => ["delete", "deny egress", "selects nothing", "two edits"];

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task ADraftsLint_FoundAgainWhereTheEditsTouch_EqualsALintOfTheWholeDraft(string edit)
    {
        var workspaces = new WorkspaceService(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance);
        var state = await workspaces.CreateAsync("med", Med, Actor.Local, "created by the test");
        using var analyzer = new WorkspaceAnalyzer();
        _ = (await analyzer.AnalyzeAsync(state)).Lint;

        foreach (var change in Changes(edit))
        {
            state = (await workspaces.ExecuteAsync(state.Id, new EditPolicies([change], edit), Actor.Local)).State!;
            var analysis = await analyzer.AnalyzeAsync(state);

            var expected = PolicyLinter.Lint(ReachabilityMatrix.Build(new ClusterEvaluator(state.Draft)));

            Assert.NotNull(analysis.Impact.RecomputedNamespaces);
            Assert.Equal(Lines(expected), Lines(analysis.Lint));
        }
    }

    private static IEnumerable<PolicyChange> Changes(string edit)
    {
        var policy = Med.NetworkPolicies.First(p => p.AffectsEgress);
        var ns = policy.Namespace;
        var denyEgress = PolicyChange.Upsert(new NetworkPolicy(ns, "deny-egress", LabelSelector.Everything, PolicyTypes.Egress, ValueArray<NetworkPolicyRule>.Empty, ValueArray<NetworkPolicyRule>.Empty));
        return edit switch
        {
            "delete" => [PolicyChange.Delete(policy)],
            "deny egress" => [denyEgress],
            "selects nothing" => [PolicyChange.Upsert(policy with { Name = "nobody", PodSelector = LabelSelector.ForLabels(("app", "nobody")) })],
            _ => [denyEgress, PolicyChange.Delete(Med.NetworkPolicies.Last(p => p.Namespace != ns))],
        };
    }

    private static List<string> Lines(IEnumerable<LintFinding> findings) => [.. findings.Select(f => $"{f.Policy} {f.Code} {f.Message}").Order(StringComparer.Ordinal)];
}
