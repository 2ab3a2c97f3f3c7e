using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Tests.Program;

/// <summary>The policy program's walk: tier order, ties, Pass, Log, tier defaults, networks peers and explanations.</summary>
public class PolicyProgramTests
{
    private static readonly LabelSelector Web = LabelSelector.ForLabels(("app", "web"));
    private static readonly LabelSelector Db = LabelSelector.ForLabels(("app", "db"));

    private static Workload Pod(string name, string app, params string[] addresses) =>
        new("shop", name, "Pod", LabelSet.Of(("app", app)), ValueArray<ContainerPort>.Empty)
        {
            Addresses = addresses.Select(Cidr.Parse).ToValueArray(),
        };

    private static Cluster Shop(params Workload[] extra) => Cluster.Empty with
    {
        Namespaces = ValueArray.Create(new Namespace("shop")),
        Workloads = new[] { Pod("web", "web"), Pod("db", "db") }.Concat(extra).ToValueArray(),
    };

    private static AdminRule Rule(string name, AdminAction action, AdminPeer peer, params AdminPort[] ports) =>
        new(name, action, ValueArray.Create(peer), ports.ToValueArray());

    private static readonly AdminPeer FromWeb = AdminPeer.OfPods(LabelSelector.Everything, Web);
    private static readonly AdminSubject DbPods = AdminSubject.OfPods(LabelSelector.Everything, Db);

    private static ClusterNetworkPolicy Cnp(string name, ClusterNetworkPolicyTier tier, int priority, params AdminRule[] ingress) =>
        new(name, tier, priority, DbPods, ingress.ToValueArray(), ValueArray<AdminRule>.Empty);

    private static ConnectionSet WebToDb(Cluster cluster) =>
        new ClusterEvaluator(cluster).Evaluate(Endpoint.Of(cluster.FindWorkload("shop/web")!), Endpoint.Of(cluster.FindWorkload("shop/db")!));

    private static Explanation Explain(ClusterEvaluator evaluator, int port) =>
        evaluator.Explain(Endpoint.Of(evaluator.Cluster.FindWorkload("shop/web")!), Endpoint.Of(evaluator.Cluster.FindWorkload("shop/db")!), Protocol.TCP, port);

    [Fact]
    public void EqualPriorities_RunClusterNetworkPolicyFirst_ThenByName_AndWarn()
    {
        var cluster = Shop() with
        {
            AdminNetworkPolicies = ValueArray.Create(new AdminNetworkPolicy("a-allow", 5, DbPods, ValueArray.Create(Rule("allow", AdminAction.Allow, FromWeb)), ValueArray<AdminRule>.Empty)),
            OtherPolicies = ValueArray.Create<IPolicyResource>(
                Cnp("z-deny", ClusterNetworkPolicyTier.Admin, 5, Rule("deny", AdminAction.Deny, FromWeb, AdminPort.Number(Protocol.TCP, 5432)))),
        };

        var evaluator = new ClusterEvaluator(cluster);
        Assert.False(WebToDb(cluster).Contains(Protocol.TCP, 5432));
        Assert.True(WebToDb(cluster).Contains(Protocol.TCP, 80));
        var warning = Assert.Single(evaluator.Diagnostics);
        Assert.Contains("share priority 5", warning.Message);
        Assert.Contains("ClusterNetworkPolicy z-deny, AdminNetworkPolicy a-allow", warning.Message);
    }

    [Fact]
    public void LowerPriorityValue_DecidesFirst()
    {
        var cluster = Shop() with
        {
            OtherPolicies = ValueArray.Create<IPolicyResource>(
                Cnp("later", ClusterNetworkPolicyTier.Admin, 20, Rule("deny", AdminAction.Deny, FromWeb)),
                Cnp("first", ClusterNetworkPolicyTier.Admin, 3, Rule("accept", AdminAction.Allow, FromWeb, AdminPort.Number(Protocol.TCP, 80)))),
        };

        Assert.Equal("TCP 80", WebToDb(cluster).ToString());
    }

    [Fact]
    public void PassIntoAnEmptyTier_FallsThroughToTheDefault()
    {
        // Pass leaves the Admin tier; no NetworkPolicy selects db and no baseline exists, so the default allows.
        var cluster = Shop() with
        {
            OtherPolicies = ValueArray.Create<IPolicyResource>(
                Cnp("delegate", ClusterNetworkPolicyTier.Admin, 1, Rule("pass", AdminAction.Pass, FromWeb, AdminPort.Number(Protocol.TCP, 80)), Rule("deny", AdminAction.Deny, FromWeb))),
        };

        Assert.Equal("TCP 80", WebToDb(cluster).ToString());
        var explanation = Explain(new ClusterEvaluator(cluster), 80);
        Assert.True(explanation.Allowed);
        Assert.Equal(Decider.Default, explanation.Ingress.DecidedBy);
        Assert.Contains("passed the decision on", explanation.Ingress.Reason);
    }

    [Fact]
    public void PassInTheBaselineTier_SkipsTheBaselinesLaterDeny()
    {
        var cluster = Shop() with
        {
            OtherPolicies = ValueArray.Create<IPolicyResource>(
                Cnp("b1", ClusterNetworkPolicyTier.Baseline, 1, Rule("pass-web", AdminAction.Pass, FromWeb, AdminPort.Number(Protocol.TCP, 80))),
                Cnp("b2", ClusterNetworkPolicyTier.Baseline, 2, Rule("deny-all", AdminAction.Deny, AdminPeer.OfNamespaces(LabelSelector.Everything)))),
        };

        Assert.Equal("TCP 80", WebToDb(cluster).ToString());
    }

    [Fact]
    public void ANetworkPolicy_OverridesTheBaselineTier_ButNotTheAdminTier()
    {
        var allowWeb = new NetworkPolicy("shop", "db", Db, PolicyTypes.Ingress,
            ValueArray.Create(new NetworkPolicyRule(ValueArray.Create(NetworkPolicyPeer.Pods(Web)), ValueArray<NetworkPolicyPort>.Empty)), ValueArray<NetworkPolicyRule>.Empty);
        var cluster = Shop() with
        {
            NetworkPolicies = ValueArray.Create(allowWeb),
            OtherPolicies = ValueArray.Create<IPolicyResource>(
                Cnp("admin", ClusterNetworkPolicyTier.Admin, 1, Rule("deny-5432", AdminAction.Deny, FromWeb, AdminPort.Number(Protocol.TCP, 5432))),
                Cnp("base", ClusterNetworkPolicyTier.Baseline, 1, Rule("deny-all", AdminAction.Deny, FromWeb))),
        };

        var allowed = WebToDb(cluster);
        Assert.True(allowed.Contains(Protocol.TCP, 80));
        Assert.False(allowed.Contains(Protocol.TCP, 5432));
    }

    [Fact]
    public void NetworksPeers_MatchPodsByTheirAddresses_AndPodsWithoutOne_OnlyByAWholeFamily()
    {
        var subjectAll = AdminSubject.OfNamespaces(LabelSelector.Everything);
        var denyTen = new AdminNetworkPolicy("no-ten", 1, subjectAll, ValueArray<AdminRule>.Empty,
            ValueArray.Create(Rule("deny", AdminAction.Deny, AdminPeer.OfNetworks(Cidr.Parse("10.0.0.0/8")))));
        var cluster = Shop(Pod("cache", "cache", "10.1.2.3/32"), Pod("queue", "queue", "192.168.0.9/32")) with
        {
            AdminNetworkPolicies = ValueArray.Create(denyTen),
        };
        var evaluator = new ClusterEvaluator(cluster);
        var web = Endpoint.Of(cluster.FindWorkload("shop/web")!);
        Assert.True(evaluator.Evaluate(web, Endpoint.Of(cluster.FindWorkload("shop/cache")!)).IsEmpty);
        Assert.True(evaluator.Evaluate(web, Endpoint.Of(cluster.FindWorkload("shop/queue")!)).IsAll);
        Assert.True(evaluator.Evaluate(web, Endpoint.Of(cluster.FindWorkload("shop/db")!)).IsAll);

        var denyAll = denyTen with { Egress = ValueArray.Create(Rule("deny", AdminAction.Deny, AdminPeer.OfNetworks(Cidr.Parse("0.0.0.0/0")))) };
        var everything = new ClusterEvaluator(cluster with { AdminNetworkPolicies = ValueArray.Create(denyAll) });
        Assert.True(everything.Evaluate(web, Endpoint.Of(cluster.FindWorkload("shop/db")!)).IsEmpty);
        Assert.True(everything.Evaluate(web, Endpoint.Of(cluster.FindWorkload("shop/queue")!)).IsEmpty);
    }

    [Fact]
    public void Explanations_NameTierPolicyPriorityRuleAndAction()
    {
        var cluster = Shop() with
        {
            OtherPolicies = ValueArray.Create<IPolicyResource>(
                Cnp("guard", ClusterNetworkPolicyTier.Admin, 7, Rule("allow-web", AdminAction.Allow, FromWeb, AdminPort.Number(Protocol.TCP, 80)), Rule("no-db", AdminAction.Deny, FromWeb))),
        };

        var evaluator = new ClusterEvaluator(cluster);
        var denied = Explain(evaluator, 5432).Ingress;
        Assert.False(denied.Allowed);
        Assert.Equal("Admin tier", denied.Tier);
        Assert.Equal("ClusterNetworkPolicy", denied.DecidingRule!.PolicyKind);
        Assert.Equal("guard", denied.DecidingRule.Policy);
        Assert.Equal(7, denied.DecidingRule.Priority);
        Assert.Equal(2, denied.DecidingRule.RuleNumber);
        Assert.Equal("no-db", denied.DecidingRule.RuleName);
        Assert.Equal(RuleAction.Deny, denied.DecidingRule.Action);
        Assert.Contains("rule 'no-db' of ClusterNetworkPolicy guard (Admin tier, priority 7): Deny from", denied.Reason);
        Assert.Equal(2, denied.AdminSteps.Count);
        Assert.False(denied.AdminSteps[0].CoversPort);

        var accepted = Explain(evaluator, 80).Ingress;
        Assert.True(accepted.Allowed);
        Assert.Contains("Accept from", accepted.Reason);
    }

    /// <summary>A dialect of its own, as a vendor's would be: an ordered tier before NetworkPolicies with Log and a default deny.</summary>
    private sealed class SecurityTier : IPolicyDialect
    {
        public static readonly ProgramTier Tier = new("security", 500, TierDefault.Deny, "security tier");

        public void Compile(Cluster cluster, ProgramBuilder program)
        {
            program.Tier(Tier);
            var fromWeb = ProgramPeer.Of(WorkloadSelector.InNamespaces(LabelSelector.Everything, Web));
            program.Add(Tier.Name, new ProgramPolicy(new PolicyKey("TestPolicy", "shop", "audit"), "TestPolicy shop/audit (order 10)", 10, "audit",
                WorkloadSelector.InNamespace("shop", Db), true, false,
                ValueArray.Create(
                    new ProgramRule(RuleAction.Log, ValueArray<ProgramPeer>.Empty, ProgramPorts.Any, 1, null, "Log everything"),
                    new ProgramRule(RuleAction.Allow, ValueArray.Create(fromWeb), ProgramPorts.Of(ConnectionSet.Of(Protocol.TCP, 80)), 2, "web", "Allow from web on TCP 80")),
                ValueArray<ProgramRule>.Empty) { ShownOrder = 10 });
        }
    }

    [Fact]
    public void Log_DecidesNothing_AndATierThatSelects_DeniesWhatNoRuleDecided()
    {
        var cluster = Shop();
        var evaluator = new ClusterEvaluator(cluster, [.. PolicyDialects.All, new SecurityTier()]);
        var web = Endpoint.Of(cluster.FindWorkload("shop/web")!);
        var db = Endpoint.Of(cluster.FindWorkload("shop/db")!);
        Assert.Equal("TCP 80", evaluator.Evaluate(web, db).ToString());
        Assert.True(evaluator.Evaluate(db, web).IsAll);

        var explanation = evaluator.Explain(web, db, Protocol.TCP, 443).Ingress;
        Assert.False(explanation.Allowed);
        Assert.Equal(Decider.Tier, explanation.DecidedBy);
        Assert.Equal("security tier", explanation.Tier);
        Assert.Contains("the tier's default (deny) applies", explanation.Reason);
        Assert.Contains(explanation.Steps, s => s.Action == RuleAction.Log && s.Decided.IsEmpty);

        var allowed = evaluator.Explain(web, db, Protocol.TCP, 80).Ingress;
        Assert.True(allowed.Allowed);
        Assert.Equal("web", allowed.DecidingRule!.RuleName);
        Assert.Contains("(security tier)", allowed.Reason);
    }

    [Fact]
    public void TheMatrix_WalksTheSameProgram()
    {
        var cluster = Shop(Pod("cache", "cache", "10.1.2.3/32")) with
        {
            OtherPolicies = ValueArray.Create<IPolicyResource>(
                Cnp("guard", ClusterNetworkPolicyTier.Admin, 7, Rule("allow-web", AdminAction.Allow, FromWeb, AdminPort.Number(Protocol.TCP, 80)), Rule("pass", AdminAction.Pass, FromWeb, AdminPort.Number(Protocol.TCP, 81))),
                Cnp("base", ClusterNetworkPolicyTier.Baseline, 1, Rule("deny-web", AdminAction.Deny, FromWeb))),
        };

        var evaluator = new ClusterEvaluator(cluster);
        var matrix = PolicyEditor.Engine.Reachability.ReachabilityMatrix.Build(evaluator);
        foreach (var s in cluster.Workloads)
        {
            foreach (var d in cluster.Workloads)
            {
                Assert.Equal(evaluator.Evaluate(Endpoint.Of(s), Endpoint.Of(d)), matrix.Get(Endpoint.Of(s), Endpoint.Of(d)));
            }
        }

        // Port 81 is passed on to the NetworkPolicy tier, which does not select db, so the baseline denies it.
        Assert.Equal("TCP 80", WebToDb(cluster).ToString());
    }
}
