using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Dialects.Calico;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Engine.Tests.Calico;

/// <summary>
/// Allowing and denying one connection by writing Calico policy: over every pair of the bundled Calico
/// sample, the option changes that pair as asked and nothing else, and what it writes is a Calico rule in
/// the place Calico's order needs it.
/// </summary>
public class CalicoSynthesisTests
{
    private static readonly Lazy<ReachabilityMatrix> Sample = new(() =>
        ReachabilityMatrix.Build(new ClusterEvaluator(ManifestLoader.LoadDirectory(Path.Combine(RepositoryRoot(), "samples", "calico")).Cluster)));

    private static Cluster After(Engine.Synthesis.SynthesisOption option, Cluster before) => option.Changes.Aggregate(before, (c, change) => c.Apply(change));

    /// <summary>Every ordered pair of the sample's workloads, and the pair's traffic today.</summary>
    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        var workloads = Sample.Value.Workloads;
        foreach (var s in workloads)
        {
            foreach (var d in workloads.Where(d => d != s))
            {
                data.Add(s.Id, d.Id);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Revoke_DeniesExactlyThePairsFirstConnection_WithOneDenyRuleBeforeTheAllow(string source, string destination)
    {
        var matrix = Sample.Value;
        var (s, d) = (Endpoint.Of(matrix.Evaluator.Cluster.FindWorkload(source)!), Endpoint.Of(matrix.Evaluator.Cluster.FindWorkload(destination)!));
        var now = matrix.Evaluator.Evaluate(s, d);
        if (now.FirstPoint is not { } point)
        {
            Assert.True(CalicoSynthesizer.Revoke(matrix, s, d, ConnectionSet.Of(Protocol.TCP, 80)).AlreadySatisfied);
            return;
        }

        var asked = ConnectionSet.Of(point);
        var result = CalicoSynthesizer.Revoke(matrix, s, d, asked);

        var best = Assert.IsType<Engine.Synthesis.SynthesisOption>(result.Best, exactMatch: false);
        Assert.True(best.IsExact, $"{result.Intent}: {string.Join(" ", best.Warnings)}");
        var after = new ClusterEvaluator(After(best, matrix.Evaluator.Cluster));
        Assert.Equal(now.Subtract(asked), after.Evaluate(s, d));
        var written = Assert.Single(best.Changes).After;
        var policy = Assert.IsType<CalicoPolicy>(written);
        Assert.Equal(RuleAction.Deny, policy.Ingress.Concat(policy.Egress).First().Action);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Allow_AllowsExactlyTheAskedConnection_WithCalicoAllowRules(string source, string destination)
    {
        var matrix = Sample.Value;
        var (s, d) = (Endpoint.Of(matrix.Evaluator.Cluster.FindWorkload(source)!), Endpoint.Of(matrix.Evaluator.Cluster.FindWorkload(destination)!));
        var asked = ConnectionSet.Of(Protocol.TCP, 7777);
        var now = matrix.Evaluator.Evaluate(s, d);

        var result = CalicoSynthesizer.Allow(matrix, s, d, asked);

        if (asked.IsSubsetOf(now))
        {
            Assert.True(result.AlreadySatisfied);
            return;
        }

        var best = Assert.IsType<Engine.Synthesis.SynthesisOption>(result.Best, exactMatch: false);
        Assert.True(best.IsExact, $"{result.Intent}: {string.Join(" ", best.Warnings)}");
        Assert.Equal(now.Union(asked), new ClusterEvaluator(After(best, matrix.Evaluator.Cluster)).Evaluate(s, d));
        Assert.All(best.Changes, c => Assert.IsType<CalicoPolicy>(c.After));
    }

    [Fact]
    public void Revoke_FrontendToCart_WritesOneDenyRule_JustBeforeTheAllowingPolicy_InItsTier()
    {
        var matrix = Sample.Value;
        var cluster = matrix.Evaluator.Cluster;
        var (s, d) = (Endpoint.Of(cluster.FindWorkload("shop/frontend")!), Endpoint.Of(cluster.FindWorkload("shop/cart")!));

        var best = CalicoSynthesizer.Revoke(matrix, s, d, ConnectionSet.Of(Protocol.TCP, 8080)).Best!;

        var policy = (CalicoPolicy)Assert.Single(best.Changes).After!;
        Assert.Equal(("applications", 99d), (policy.Tier, policy.Order));
        Assert.Equal(["Ingress"], policy.Types.Select(t => t.ToString()));
        var rule = Assert.Single(policy.Ingress);
        Assert.Equal(RuleAction.Deny, rule.Action);
        var yaml = ManifestWriter.Write((IPolicyResource)policy);
        Assert.Contains("apiVersion: projectcalico.org/v3", yaml, StringComparison.Ordinal);
        Assert.Contains("kind: NetworkPolicy", yaml, StringComparison.Ordinal);
        Assert.Contains("action: Deny", yaml, StringComparison.Ordinal);
        Assert.Equal(policy, ManifestLoader.LoadText(yaml, "written.yaml").Cluster.OtherPolicies.Single());
    }

    [Fact]
    public void Revoke_WhereNoTierApplies_PassesTheRestOn()
    {
        var cluster = Manifest.Load("""
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: only-db}
            spec:
              selector: app == 'db'
              ingress: [{action: Allow}]
            """);
        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
        var (s, d) = (cluster.W("shop/web"), cluster.W("shop/api"));

        var best = CalicoSynthesizer.Revoke(matrix, s, d, ConnectionSet.Of(Protocol.TCP, 8081)).Best!;

        Assert.True(best.IsExact);
        var policy = (CalicoPolicy)Assert.Single(best.Changes).After!;
        Assert.Equal([RuleAction.Deny, RuleAction.Pass], policy.Ingress.Select(r => r.Action));
    }

    [Fact]
    public void UsesCalico_IsTrueForACalicoWorkspace_AndFalseForNetworkPoliciesOnly()
    {
        Assert.True(CalicoSynthesizer.UsesCalico(Sample.Value.Evaluator.Cluster));
        Assert.False(CalicoSynthesizer.UsesCalico(Manifest.Load()));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PolicyEditor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root is not above the test assembly.");
    }
}
