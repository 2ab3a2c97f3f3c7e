using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Tests.Cilium;

/// <summary>
/// An edit's evaluator (<see cref="ClusterEvaluator.WithPolicies"/>) compiles only the Cilium policies the edit changed and
/// keeps the others' program policies, and every new evaluator takes the program policies an earlier one compiled for the
/// same objects in an equal context (<see cref="KeptParts"/>): each must be the same as an evaluator that compiles
/// everything itself.
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
                AssertSameAsCompiledAlone(evaluator, $"seed {seed}, step {step}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void NewEvaluators_OverResourcesCompiledBefore_EqualACompileOfTheirOwn(int first)
    {
        for (var seed = first; seed < first + 20; seed++)
        {
            var random = new CiliumRandomCluster(seed);
            var draw = new Random(seed);
            var cluster = WithSharedPeers(WithHostPolicy(random.Next()), draw);
            var seen = new List<Cluster> { cluster };
            var evaluator = new ClusterEvaluator(cluster);
            for (var step = 0; step < 8; step++)
            {
                // Policies edited, or the same policy objects with other CIDR groups or Services, or a cluster seen before.
                cluster = draw.Next(4) switch
                {
                    0 => cluster.Apply(random.Edit(cluster)),
                    1 => WithCidrGroup(cluster, draw),
                    2 => cluster with { Services = Services(cluster, draw) },
                    _ => seen[draw.Next(seen.Count)],
                };
                seen.Add(cluster);

                var context = $"seed {seed}, step {step}";
                AssertSameAsCompiledAlone(new ClusterEvaluator(cluster), $"{context}, a new evaluator");
                evaluator = evaluator.DiffersOnlyInPolicies(cluster) ? evaluator.WithPolicies(cluster) : new ClusterEvaluator(cluster);
                AssertSameAsCompiledAlone(evaluator, $"{context}, the edit's evaluator");
            }
        }
    }

    [Fact]
    public void TwoEvaluatorsOfOneCluster_ShareTheProgramPolicies_NotTheirCompiledForm()
    {
        var cluster = WithHostPolicy(new CiliumRandomCluster(5).Next());

        var first = new ClusterEvaluator(cluster);
        var second = new ClusterEvaluator(cluster);

        Assert.Equal(first.Program.Policies.Select(p => p.Source), second.Program.Policies.Select(p => p.Source), ReferenceEqualityComparer.Instance);
        Assert.DoesNotContain(second.Program.Policies, p => first.Program.Policies.Contains(p));
        Assert.Equal(first.Diagnostics.Select(d => d.ToString()), second.Diagnostics.Select(d => d.ToString()));
        Assert.Contains(second.Diagnostics, d => d.Message.Contains("host policy", StringComparison.Ordinal));
    }

    [Fact]
    public void KeptParts_DoNotKeepAPolicyAlive()
    {
        var policy = CompileAndForget();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(policy.IsAlive);
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

    /// <summary>The program, diagnostics and matrix of <paramref name="evaluator"/> equal those of a compile that finds no part compiled before.</summary>
    private static void AssertSameAsCompiledAlone(ClusterEvaluator evaluator, string context)
    {
        var alone = new ClusterEvaluator(evaluator.Cluster, PolicyDialects.All, new KeptParts());
        Assert.True(Texts(alone).SequenceEqual(Texts(evaluator)), $"{context}: the program differs");
        Assert.True(alone.Diagnostics.Select(d => d.ToString()).SequenceEqual(evaluator.Diagnostics.Select(d => d.ToString())), $"{context}: the diagnostics differ");
        var expected = ReachabilityMatrix.Build(alone).Connections().Select(c => c.ToString()).Order(StringComparer.Ordinal).ToList();
        var actual = ReachabilityMatrix.Build(evaluator).Connections().Select(c => c.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(actual), $"{context}: the matrix differs");
    }

    /// <summary>Compiles a cluster with one more policy, which nothing keeps afterwards; returns that policy, weakly.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference CompileAndForget()
    {
        var cluster = WithSharedPeers(new CiliumRandomCluster(7).Next(), new Random(7));
        var policy = new CiliumPolicy("ns0", "forgotten", SharedPeersRule, []);
        var evaluator = new ClusterEvaluator(cluster with { OtherPolicies = cluster.OtherPolicies.Append(policy).ToValueArray() });
        Assert.Contains(evaluator.Program.Policies, p => p.Source.Source.Name == "forgotten");
        return new WeakReference(policy);
    }

    /// <summary>
    /// A rule whose peers read more of the cluster than its policy: the Service <c>web</c> of the policy's namespace, and the
    /// CIDR group <c>set</c> by name and every CIDR group labelled <c>kind: set</c>.
    /// </summary>
    private static readonly CiliumRule SharedPeersRule = new(LabelSelector.Everything, null, [], [],
        ValueArray.Create(
            CiliumPeerRule.Empty with { Services = ValueArray.Create(new CiliumService("web", null, null)) },
            CiliumPeerRule.Empty with { Cidrs = ValueArray.Create(new CiliumCidr(true, null, "set", null, [])) },
            CiliumPeerRule.Empty with { Cidrs = ValueArray.Create(new CiliumCidr(true, null, null, LabelSelector.ForLabels(("kind", "set")), [])) }),
        [], null, null, null);

    /// <summary>The cluster with a policy of <see cref="SharedPeersRule"/>, a CIDR group and Services drawn at random.</summary>
    private static Cluster WithSharedPeers(Cluster cluster, Random draw)
    {
        var policy = new CiliumPolicy(cluster.Namespaces[0].Name, "shared", SharedPeersRule, []);
        cluster = cluster with { OtherPolicies = cluster.OtherPolicies.Append(policy).ToValueArray(), Services = Services(cluster, draw) };
        return WithCidrGroup(cluster, draw);
    }

    /// <summary>The cluster with its CIDR group drawn anew (another object, maybe other addresses or labels, or none).</summary>
    private static Cluster WithCidrGroup(Cluster cluster, Random draw)
    {
        var others = cluster.OtherPolicies.Where(p => p is not CiliumCidrGroup).ToList();
        if (draw.Next(4) > 0)
        {
            var labels = draw.Next(2) == 0 ? LabelSet.Of(("kind", "set")) : LabelSet.Empty;
            others.Add(new CiliumCidrGroup(draw.Next(3) > 0 ? "set" : "other", labels, ValueArray.Create(draw.Next(2) == 0 ? "8.8.8.0/24" : "192.168.0.0/16")));
        }

        return cluster with { OtherPolicies = others.ToValueArray() };
    }

    /// <summary>The Service <c>web</c> of the first namespace selecting pods by a label drawn at random, or no Service.</summary>
    private static ValueArray<Service> Services(Cluster cluster, Random draw) => draw.Next(4) == 0
        ? []
        : ValueArray.Create(new Service(cluster.Namespaces[0].Name, "web", LabelSelector.ForLabels((draw.Next(2) == 0 ? "app" : "tier", draw.Next(2) == 0 ? "a" : "b")), []));

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
