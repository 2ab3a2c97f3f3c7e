using System.Net;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Tests.Evaluation;

public class AdminPolicyTests
{
    /// <summary>Every connection of every protocol: what traffic no policy restricts may carry.</summary>
    private static readonly ConnectionSet Everything = ConnectionSet.All;

    private static string Allowed(Cluster cluster, Endpoint source, Endpoint destination) =>
        new ClusterEvaluator(cluster).Evaluate(source, destination).ToString();

    private static string Anp(string name, int priority, string ingressRules) => $$$"""
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: {{{name}}}}
        spec:
          priority: {{{priority}}}
          subject:
            namespaces:
              matchLabels: {team: web}
          ingress:
        {{{ingressRules}}}
        """;

    private const string AllowDbFromOps = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: only-ops, namespace: shop}
        spec:
          podSelector: {}
          policyTypes: [Ingress]
          ingress: [{from: [{namespaceSelector: {matchLabels: {team: ops}}}]}]
        """;

    [Fact]
    public void AdminDeny_OverridesANetworkPolicyThatAllows()
    {
        var c = Manifest.Load(AllowDbFromOps + "\n---\n" + Anp("guard", 10, """
              - name: no-ops
                action: Deny
                from: [{namespaces: {matchLabels: {team: ops}}}]
                ports: [{portNumber: {protocol: TCP, port: 5432}}]
            """));

        Assert.Equal(Everything.Subtract(ConnectionSet.Of(Protocol.TCP, 5432)).ToString(), Allowed(c, c.W("ops/monitor"), c.W("shop/db")));
    }

    [Fact]
    public void AdminAllow_OverridesANetworkPolicyThatIsolates()
    {
        var c = Manifest.Load(AllowDbFromOps + "\n---\n" + Anp("open", 10, """
              - name: payments-may-call
                action: Allow
                from: [{namespaces: {matchLabels: {team: pay}}}]
                ports: [{portRange: {protocol: TCP, start: 5000, end: 6000}}]
            """));

        Assert.Equal("TCP 5000-6000", Allowed(c, c.W("payments/gateway"), c.W("shop/db")));
    }

    [Fact]
    public void LowerPriorityNumber_IsEvaluatedFirst_AndTheFirstMatchingRuleWins()
    {
        var c = Manifest.Load(Anp("late-allow", 20, """
              - {name: allow, action: Allow, from: [{namespaces: {}}]}
            """) + "\n---\n" + Anp("early-deny", 5, """
              - {name: deny-udp, action: Deny, from: [{namespaces: {}}], ports: [{portRange: {protocol: UDP, start: 1, end: 65535}}]}
              - {name: allow-all, action: Allow, from: [{namespaces: {}}]}
            """));

        Assert.Equal(Everything.Subtract(ConnectionSet.AllOf(Protocol.UDP)).ToString(), Allowed(c, c.W("ops/monitor"), c.W("shop/db")));
    }

    [Fact]
    public void Pass_HandsTheDecisionToNetworkPolicies()
    {
        var c = Manifest.Load(AllowDbFromOps + "\n---\n" + Anp("delegate", 10, """
              - {name: pass-payments, action: Pass, from: [{namespaces: {matchLabels: {team: pay}}}]}
              - {name: allow-everything, action: Allow, from: [{namespaces: {}}]}
            """));

        Assert.Equal("No Connections", Allowed(c, c.W("payments/gateway"), c.W("shop/db")));
        Assert.Equal("All Connections", Allowed(c, c.W("shop/web"), c.W("shop/db")));
    }

    [Fact]
    public void Pass_WithoutNetworkPolicies_FallsToTheBaseline()
    {
        var c = Manifest.Load(Anp("delegate", 10, """
              - {name: pass-payments, action: Pass, from: [{namespaces: {matchLabels: {team: pay}}}]}
            """) + """

            ---
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: BaselineAdminNetworkPolicy
            metadata: {name: default}
            spec:
              subject: {namespaces: {}}
              ingress: [{name: deny-payments, action: Deny, from: [{namespaces: {matchLabels: {team: pay}}}]}]
            """);

        Assert.Equal("No Connections", Allowed(c, c.W("payments/gateway"), c.W("shop/db")));
        Assert.Equal("All Connections", Allowed(c, c.W("ops/monitor"), c.W("shop/db")));
    }

    [Fact]
    public void Baseline_IsIgnoredForPodsANetworkPolicyIsolates()
    {
        var c = Manifest.Load(AllowDbFromOps + """

            ---
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: BaselineAdminNetworkPolicy
            metadata: {name: default}
            spec:
              subject: {namespaces: {}}
              ingress: [{name: deny-ops, action: Deny, from: [{namespaces: {matchLabels: {team: ops}}}]}]
            """);

        Assert.Equal("All Connections", Allowed(c, c.W("ops/monitor"), c.W("shop/db")));
        Assert.Equal("No Connections", Allowed(c, c.W("ops/monitor"), c.W("payments/gateway")));
    }

    [Fact]
    public void AdminNamedPort_ResolvesAgainstTheDestination_AnyProtocol()
    {
        var c = Manifest.Load(Anp("dns", 10, """
              - {name: deny-dns, action: Deny, from: [{namespaces: {}}], ports: [{namedPort: dns}]}
            """));

        Assert.Equal(Everything.Subtract(ConnectionSet.Of(Protocol.UDP, 53)).ToString(), Allowed(c, c.W("ops/monitor"), c.W("shop/api")));
        Assert.Equal("All Connections", Allowed(c, c.W("ops/monitor"), c.W("shop/db")));
    }

    [Fact]
    public void AdminEgressNetworks_MatchExternalAddresses()
    {
        var c = Manifest.Load("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: no-metadata}
            spec:
              priority: 1
              subject: {namespaces: {}}
              egress: [{name: metadata, action: Deny, to: [{networks: [169.254.169.254/32]}]}]
            """);

        Assert.Equal("No Connections", Allowed(c, c.W("shop/web"), Endpoint.Of(IPAddress.Parse("169.254.169.254"))));
        Assert.Equal("All Connections", Allowed(c, c.W("shop/web"), Endpoint.Of(IPAddress.Parse("169.254.169.253"))));
    }

    [Fact]
    public void Explanation_NamesTheDecidingAdminRule_WithPriority()
    {
        var c = Manifest.Load(AllowDbFromOps + "\n---\n" + Anp("guard", 7, """
              - {name: no-ops, action: Deny, from: [{namespaces: {matchLabels: {team: ops}}}]}
            """));

        var explanation = new ClusterEvaluator(c).Explain(c.W("ops/monitor"), c.W("shop/db"), Protocol.TCP, 5432);

        Assert.False(explanation.Allowed);
        Assert.Equal(Decider.AdminNetworkPolicy, explanation.Ingress.DecidedBy);
        Assert.Equal("guard", explanation.Ingress.DecidingRule!.Policy);
        Assert.Equal(7, explanation.Ingress.DecidingRule.Priority);
        Assert.Equal("no-ops", explanation.Ingress.DecidingRule.RuleName);
    }

    [Fact]
    public void SamePriority_IsReportedAsAmbiguous()
    {
        var c = Manifest.Load(Anp("a", 3, "  - {name: x, action: Allow, from: [{namespaces: {}}]}") + "\n---\n" + Anp("b", 3, "  - {name: y, action: Deny, from: [{namespaces: {}}]}"));

        var evaluator = new ClusterEvaluator(c);

        Assert.Contains(evaluator.Diagnostics, d => d.Message.Contains("share priority 3", StringComparison.Ordinal));
    }
}
