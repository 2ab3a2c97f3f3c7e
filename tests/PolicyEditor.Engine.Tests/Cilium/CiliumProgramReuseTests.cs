using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Tests.Cilium;

/// <summary>
/// An edit's evaluator (<see cref="ClusterEvaluator.WithPolicies"/>) compiles only the Cilium policies the edit changed and
/// keeps the others' program policies: it must be the same as an evaluator compiled afresh.
/// </summary>
public class CiliumProgramReuseTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < 6; i++)
        {
            data.Add(i * 20);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EditsInARow_CompiledFromThePreviousProgram_EqualAFreshCompile(int first)
    {
        for (var seed = first; seed < first + 20; seed++)
        {
            var random = new CiliumRandomCluster(seed);
            var cluster = WithHostPolicy(random.Next());
            var evaluator = new ClusterEvaluator(cluster);
            for (var step = 0; step < 4; step++)
            {
                cluster = cluster.Apply(random.Edit(cluster));
                evaluator = evaluator.WithPolicies(cluster);
                var fresh = new ClusterEvaluator(cluster);

                var context = $"seed {seed}, step {step}";
                Assert.Equal(Texts(fresh), Texts(evaluator));
                Assert.Equal(fresh.Diagnostics.Select(d => d.ToString()), evaluator.Diagnostics.Select(d => d.ToString()));
                var expected = ReachabilityMatrix.Build(fresh).Connections().Select(c => c.ToString()).Order(StringComparer.Ordinal).ToList();
                var actual = ReachabilityMatrix.Build(evaluator).Connections().Select(c => c.ToString()).Order(StringComparer.Ordinal).ToList();
                Assert.True(expected.SequenceEqual(actual), $"{context}: the edit's evaluator differs from a fresh one");
            }
        }
    }

    [Fact]
    public void AnEditOfOnePolicy_KeepsTheCompiledFormOfTheOthers()
    {
        var cluster = WithHostPolicy(new CiliumRandomCluster(3).Next());
        var policies = cluster.OtherPolicies.OfType<CiliumPolicy>().ToList();
        var evaluator = new ClusterEvaluator(cluster);
        var edited = policies[0] with { Spec = policies[0].Spec! with { Description = "edited" } };

        var after = evaluator.WithPolicies(cluster.Apply(PolicyChange.Upsert(edited)));

        var before = evaluator.Program.Policies.ToHashSet(ReferenceEqualityComparer.Instance);
        var kept = after.Program.Policies.Where(p => p.Source.Source != ((IPolicyResource)edited).Key).ToList();
        Assert.NotEmpty(kept);
        Assert.All(kept, p => Assert.Contains(p, before));
        Assert.Equal(evaluator.Diagnostics.Select(d => d.ToString()), after.Diagnostics.Select(d => d.ToString()));
    }

    /// <summary>The cluster with a host policy (nodeSelector), whose compile warns: the warning must be given again when the policy is kept.</summary>
    private static Cluster WithHostPolicy(Cluster cluster)
    {
        var rule = new CiliumRule(null, LabelSelector.Everything, [], [], [], [], null, null, null);
        return cluster with { OtherPolicies = cluster.OtherPolicies.Append(new CiliumPolicy(null, "nodes", rule, [])).ToValueArray() };
    }

    /// <summary>The program as text: each policy's place, description and rules, in program order.</summary>
    private static List<string> Texts(ClusterEvaluator evaluator) =>
        [.. evaluator.Program.Policies.Select(p => $"{p.Tier.Name} {p.Source.Order} {p.Source.TieBreak} {p.Source.Description} [{p.Subject.Description}]: "
            + string.Join("; ", p.Ingress.Concat(p.Egress).Select(r => $"{r.Direction} {r.Action} {r.Rule.Text}")))];
}
