using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Dialects.Calico;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Lint;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Tests.Calico;

/// <summary>Calico's evaluation order and rule semantics, over the test base cluster (shop: web, api, db; payments: gateway; ops: monitor).</summary>
public class CalicoSemanticsTests
{
    /// <summary>What is allowed on SCTP, TCP and UDP (the protocols these tests write), as a Kubernetes report reads it.</summary>
    private static string Allowed(Cluster cluster, string source, string destination) =>
        new ClusterEvaluator(cluster).Evaluate(cluster.W(source), cluster.W(destination)).AsReported(ProtocolScope.Kubernetes).ToString();

    private static string Gnp(string name, string spec) => $"""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {"{"}name: {name}{"}"}
        spec:
        {spec}
        """;

    private const string Tiers = """
        apiVersion: projectcalico.org/v3
        kind: Tier
        metadata: {name: security}
        spec: {order: 100}
        ---
        apiVersion: projectcalico.org/v3
        kind: Tier
        metadata: {name: apps}
        spec: {order: 200}
        """;

    [Fact]
    public void Tiers_RunInOrder_AndPassHandsTheRestToTheNextTier()
    {
        var c = Manifest.Load(Tiers + "\n---\n" + Gnp("security.guard", """
              tier: security
              selector: app == 'db'
              ingress:
              - {action: Deny, protocol: TCP, source: {selector: app == 'web'}, destination: {ports: [5432]}}
              - {action: Pass}
            """) + "\n---\n" + Gnp("apps.allow", """
              tier: apps
              selector: app == 'db'
              ingress:
              - {action: Allow, protocol: TCP, source: {selector: "app in {'web', 'api'}"}}
            """));

        Assert.Equal("TCP 1-5431,5433-65535", Allowed(c, "shop/web", "shop/db"));
        Assert.Equal("TCP 1-65535", Allowed(c, "shop/api", "shop/db"));
        Assert.Equal("All Connections", Allowed(c, "shop/db", "shop/api"));
    }

    [Fact]
    public void ATierThatSelectsAnEndpoint_DeniesWhatNoRuleDecided_UnlessItsDefaultIsPass()
    {
        var deny = Manifest.Load(Tiers + "\n---\n" + Gnp("security.only-web", """
              tier: security
              selector: app == 'db'
              ingress: [{action: Allow, source: {selector: app == 'web'}}]
            """));
        var pass = Manifest.Load(Tiers.Replace("spec: {order: 100}", "spec: {order: 100, defaultAction: Pass}", StringComparison.Ordinal) + "\n---\n" + Gnp("security.only-web", """
              tier: security
              selector: app == 'db'
              ingress: [{action: Allow, source: {selector: app == 'web'}}]
            """));

        Assert.Equal("No Connections", Allowed(deny, "shop/api", "shop/db"));
        Assert.Equal("All Connections", Allowed(pass, "shop/api", "shop/db"));
    }

    [Fact]
    public void PoliciesOfEqualOrder_RunByName_AndNoOrderIsLast()
    {
        var c = Manifest.Load(Gnp("b-allow", """
              order: 10
              selector: app == 'db'
              ingress: [{action: Allow}]
            """) + "\n---\n" + Gnp("a-deny", """
              order: 10
              selector: app == 'db'
              ingress: [{action: Deny, protocol: UDP}]
            """) + "\n---\n" + Gnp("0-unordered", """
              selector: app == 'db'
              ingress: [{action: Deny}]
            """));

        Assert.Equal("SCTP 1-65535,TCP 1-65535", Allowed(c, "shop/web", "shop/db"));
    }

    [Fact]
    public void KubernetesNetworkPolicies_RunInTheDefaultTierAtOrder1000()
    {
        var c = Manifest.Load("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-web, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
            """ + "\n---\n" + Gnp("early-deny", """
              order: 500
              selector: app == 'db'
              ingress: [{action: Deny, protocol: TCP, destination: {ports: [22]}}]
            """) + "\n---\n" + Gnp("late-deny", """
              order: 2000
              selector: app == 'db'
              ingress: [{action: Deny}]
            """));

        Assert.Equal("SCTP 1-65535,TCP 1-21,23-65535,UDP 1-65535", Allowed(c, "shop/web", "shop/db"));
        Assert.Equal("No Connections", Allowed(c, "shop/api", "shop/db"));
    }

    [Fact]
    public void IcmpTypesAndCodes_AndProtocolNumbers_AreMatched()
    {
        var c = Manifest.Load(Gnp("ping-only", """
              selector: app == 'db'
              ingress:
              - {action: Deny, protocol: ICMP, icmp: {type: 8, code: 1}}
              - {action: Allow, protocol: ICMP, icmp: {type: 8}}
              - {action: Allow, protocol: 47}
              - {action: Allow, protocol: ICMPv6, notICMP: {type: 128}}
              - {action: Deny}
            """));

        var allowed = new ClusterEvaluator(c).Evaluate(c.W("shop/web"), c.W("shop/db"));

        Assert.True(allowed.Contains(Protocol.ICMP, IcmpSet.Key(8, 0)));
        Assert.False(allowed.Contains(Protocol.ICMP, IcmpSet.Key(8, 1)));
        Assert.False(allowed.Contains(Protocol.ICMP, IcmpSet.Key(0, 0)));
        Assert.True(allowed.Includes(new Protocol(47)));
        Assert.False(allowed.Contains(Protocol.ICMPv6, IcmpSet.Key(128, 0)));
        Assert.True(allowed.Contains(Protocol.ICMPv6, IcmpSet.Key(129, 0)));
        Assert.False(allowed.Includes(Protocol.TCP));
    }

    [Fact]
    public void Log_DecidesNothing()
    {
        var c = Manifest.Load(Gnp("log-then-deny", """
              selector: app == 'db'
              ingress: [{action: Log}, {action: Deny, protocol: TCP}, {action: Allow}]
            """));

        Assert.Equal("SCTP 1-65535,UDP 1-65535", Allowed(c, "shop/web", "shop/db"));
    }

    [Fact]
    public void NamedPortsInNotPorts_ResolveAgainstTheDestination()
    {
        var c = Manifest.Load(Gnp("all-but-metrics", """
              selector: has(app)
              types: [Egress]
              egress: [{action: Allow, protocol: TCP, destination: {notPorts: [metrics, 1000]}}]
            """));

        Assert.Equal("TCP 1-999,1001-9089,9091-65535", Allowed(c, "shop/api", "shop/web"));
        Assert.Equal("TCP 1-999,1001-65535", Allowed(c, "shop/web", "shop/db"));
    }

    [Fact]
    public void ARulesOwnSide_NarrowsWhichSelectedEndpointsItAppliesTo()
    {
        var c = Manifest.Load(Gnp("per-destination", """
              selector: tier == 'back'
              ingress:
              - {action: Allow, protocol: TCP, destination: {selector: app == 'db', ports: [5432]}}
              - {action: Allow, protocol: TCP, destination: {selector: app == 'api', ports: [8081]}}
            """));

        Assert.Equal("TCP 5432", Allowed(c, "shop/web", "shop/db"));
        Assert.Equal("TCP 8081", Allowed(c, "shop/web", "shop/api"));
    }

    [Fact]
    public void ANamespacedRuleSelector_LooksInThePolicysNamespace_UnlessANamespaceSelectorIsGiven()
    {
        var c = Manifest.Load("""
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: gateway, namespace: payments}
            spec:
              selector: app == 'gateway'
              ingress:
              - {action: Allow, source: {selector: app == 'web'}}
              - {action: Allow, source: {selector: app == 'monitor', namespaceSelector: team == 'ops'}}
            """);

        Assert.Equal("No Connections", Allowed(c, "shop/web", "payments/gateway"));
        Assert.Equal("All Connections", Allowed(c, "ops/monitor", "payments/gateway"));
    }

    [Fact]
    public void ServiceAccounts_MatchByNameAndByTheirLabels()
    {
        var c = Manifest.Load("""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: reader, namespace: shop, labels: {role: reader}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: reporter, namespace: shop, labels: {app: reporter}}
            spec: {serviceAccountName: reader, containers: [{name: c}]}
            """ + "\n---\n" + Gnp("db-readers", """
              selector: app == 'db'
              ingress:
              - {action: Allow, protocol: TCP, source: {serviceAccounts: {selector: role == 'reader'}}}
              - {action: Allow, protocol: UDP, source: {serviceAccounts: {names: [default]}}}
            """));

        Assert.Equal("TCP 1-65535", Allowed(c, "shop/reporter", "shop/db"));
        Assert.Equal("UDP 1-65535", Allowed(c, "shop/web", "shop/db"));
    }

    [Fact]
    public void NetsAndNotNets_MatchPodsByTheirAddresses_AndNetworkSetsByTheirLabels()
    {
        var c = Manifest.Load("""
            apiVersion: v1
            kind: Pod
            metadata: {name: batch, namespace: ops, labels: {app: batch}}
            spec: {containers: [{name: c}]}
            status: {podIP: 10.244.3.7}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkSet
            metadata: {name: partners, labels: {kind: partner}}
            spec: {nets: [203.0.113.0/24]}
            """ + "\n---\n" + Gnp("db-inbound", """
              selector: app == 'db'
              ingress:
              - {action: Allow, source: {nets: [10.244.0.0/16], notNets: [10.244.9.0/24]}}
              - {action: Allow, protocol: TCP, source: {selector: kind == 'partner'}}
            """));
        var evaluator = new ClusterEvaluator(c);
        var db = c.W("shop/db");

        Assert.Equal("All Connections", Allowed(c, "ops/batch", "shop/db"));
        Assert.Equal("No Connections", Allowed(c, "shop/web", "shop/db"));
        Assert.Equal("TCP 1-65535", evaluator.Evaluate(Endpoint.Of(System.Net.IPAddress.Parse("203.0.113.9")), db).ToString());
        Assert.Equal("No Connections", evaluator.Evaluate(Endpoint.Of(System.Net.IPAddress.Parse("198.51.100.1")), db).ToString());
    }

    [Fact]
    public void HttpMatches_RestrictAnAllow_ButDoNotDenyTheConnection()
    {
        var c = Manifest.Load(Gnp("http-only", """
              selector: app == 'db'
              ingress:
              - {action: Deny, protocol: TCP, http: {methods: [DELETE]}}
              - {action: Allow, protocol: TCP, http: {methods: [GET]}}
            """));

        Assert.Equal("TCP 1-65535", Allowed(c, "shop/web", "shop/db"));
    }

    [Fact]
    public void StagedPolicies_AreNotEnforced_AndPromotingOneIsAnEditWithAnImpact()
    {
        var c = Manifest.Load("""
            apiVersion: projectcalico.org/v3
            kind: StagedGlobalNetworkPolicy
            metadata: {name: lock-db}
            spec:
              stagedAction: Set
              selector: app == 'db'
              ingress: [{action: Deny}]
            """);
        var staged = Assert.Single(CalicoStaging.Staged(c));

        var promoted = CalicoStaging.Promote(c, staged);

        Assert.Equal("All Connections", Allowed(c, "shop/web", "shop/db"));
        Assert.Equal("No Connections", Allowed(promoted, "shop/web", "shop/db"));
        Assert.Empty(CalicoStaging.Staged(promoted));
        var impact = ChangeImpact.Compute(ReachabilityMatrix.Build(new ClusterEvaluator(c)), promoted);
        Assert.NotEmpty(impact.Changes);
    }

    [Fact]
    public void ADefinedNamespaceProfile_DecidesWhatNoTierDecided()
    {
        var c = Manifest.Load("""
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata: {name: kns.shop}
            spec:
              ingress: [{action: Allow, protocol: TCP}]
              egress: [{action: Allow}]
            """);

        Assert.Equal("TCP 1-65535", Allowed(c, "ops/monitor", "shop/db"));
        Assert.Equal("All Connections", Allowed(c, "shop/db", "ops/monitor"));
    }

    [Fact]
    public void Explanations_NameTheTierThePolicyAndTheRule()
    {
        var c = Manifest.Load(Tiers + "\n---\n" + Gnp("security.guard", """
              tier: security
              order: 100
              selector: app == 'db'
              ingress: [{action: Deny, protocol: TCP, source: {selector: app == 'web'}}]
            """));

        var explanation = new ClusterEvaluator(c).Explain(c.W("shop/web"), c.W("shop/db"), Protocol.TCP, 5432);

        Assert.False(explanation.Allowed);
        var text = explanation.ToString();
        Assert.Contains("ingress rule 1 of GlobalNetworkPolicy security.guard (tier security, order 100): Deny TCP", text, StringComparison.Ordinal);
        Assert.Equal("security.guard", explanation.Ingress.DecidingRule!.Key!.Value.Name);
    }

    [Fact]
    public void Explanations_NameTheEndOfTheTier_WhenNoRuleDecides()
    {
        var c = Manifest.Load(Tiers + "\n---\n" + Gnp("security.only-api", """
              tier: security
              order: 100
              selector: app == 'db'
              ingress: [{action: Allow, protocol: TCP, source: {selector: app == 'api'}}]
            """));

        var explanation = new ClusterEvaluator(c).Explain(c.W("shop/web"), c.W("shop/db"), Protocol.TCP, 5432);

        Assert.Contains("end of tier security: Deny", explanation.Ingress.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_FindsCalicoMistakes()
    {
        var c = Manifest.Load(Gnp("mistakes", """
              tier: nowhere
              selector: app == 'db'
              ingress: []
            """) + "\n---\n" + Gnp("shadowed", """
              selector: app == 'nothing-has-this'
              ingress:
              - {action: Deny, source: {selector: app == 'nothing-either'}}
              - {action: Allow}
              - {action: Pass}
            """) + "\n---\n" + Gnp("unused", """
              selector: has(app)
              types: [Ingress]
              egress: [{action: Deny}]
            """));

        var codes = CalicoLinter.Lint(c).Select(f => f.Code).ToList();

        Assert.Contains(CalicoLinter.Codes.UnknownTier, codes);
        Assert.Contains(CalicoLinter.Codes.SelectsNothing, codes);
        Assert.Contains(CalicoLinter.Codes.UnreachableRule, codes);
        Assert.Contains(CalicoLinter.Codes.PeerMatchesNothing, codes);
        Assert.Contains(CalicoLinter.Codes.UnusedRules, codes);
    }

    [Fact]
    public void Lint_WarnsWhenPromotingAStagedPolicyWouldBlockDns()
    {
        var c = Manifest.Load("""
            apiVersion: v1
            kind: Pod
            metadata: {name: dns, namespace: ops, labels: {k8s-app: kube-dns}}
            ---
            apiVersion: projectcalico.org/v3
            kind: StagedGlobalNetworkPolicy
            metadata: {name: deny-egress}
            spec:
              selector: app == 'web'
              types: [Egress]
            """);

        var finding = Assert.Single(CalicoLinter.Lint(c), f => f.Code == CalicoLinter.Codes.StagedBlocksDns);
        Assert.Contains("shop/web", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_WarnsAboutAPassWithNoLaterTier()
    {
        var c = Manifest.Load(Gnp("pass-nowhere", """
              selector: app == 'db'
              ingress: [{action: Pass}]
            """));

        Assert.Contains(CalicoLinter.Lint(c), f => f.Code == CalicoLinter.Codes.PassWithoutLaterTier);
    }

    [Fact]
    public void ANamedNotPort_IsResolvedOnEachDestination_InTheMatrixToo()
    {
        // Two pods no selector tells apart: web names 'metrics' (TCP 9090), db names no port, so the Deny takes TCP 9090
        // out for web only. A NetworkPolicy naming another 'metrics' (UDP) makes names matter without telling them apart.
        var c = Manifest.Load("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: store}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: store, labels: {tier: app}}
            spec: {containers: [{name: c, ports: [{containerPort: 9090, name: metrics}]}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: db, namespace: store, labels: {tier: app}}
            spec: {containers: [{name: c}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: tcp-only-to-metrics}
            spec:
              selector: all()
              ingress:
              - {action: Deny, protocol: TCP, destination: {notPorts: [metrics]}}
              - {action: Allow}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: udp-metrics, namespace: store}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress: [{ports: [{protocol: UDP, port: metrics}]}]
            """);
        var evaluator = new ClusterEvaluator(c);
        var matrix = ReachabilityMatrix.Build(evaluator);
        var block = matrix.External.Blocks[0];
        var from = new ExternalEndpoint(block.Representative);

        var toWeb = matrix.FromBlock(block.Index, matrix.IndexOf("store/web[Pod]"));
        var toDb = matrix.FromBlock(block.Index, matrix.IndexOf("store/db[Pod]"));

        Assert.Equal(evaluator.Evaluate(from, c.W("store/web")), toWeb);
        Assert.Equal(evaluator.Evaluate(from, c.W("store/db")), toDb);
        Assert.Contains("TCP 9090", toWeb.AsReported(ProtocolScope.Kubernetes).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("TCP", toDb.AsReported(ProtocolScope.Kubernetes).ToString(), StringComparison.Ordinal);
    }
}
