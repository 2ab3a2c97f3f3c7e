using System.Net;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Intents;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Intents;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Engine.Tests.Intents;

public class IntentsTests
{
    /// <summary>The Otterize network-policy tutorial: a client, another client and a server; the client declares it calls the server.</summary>
    private const string Tutorial = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: otterize-tutorial-npol}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: client, namespace: otterize-tutorial-npol}
        spec:
          selector: {matchLabels: {app: client}}
          template:
            metadata: {labels: {app: client}}
            spec: {containers: [{name: client}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: client-other, namespace: otterize-tutorial-npol}
        spec:
          selector: {matchLabels: {app: client-other}}
          template:
            metadata: {labels: {app: client-other}}
            spec: {containers: [{name: client}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: server, namespace: otterize-tutorial-npol}
        spec:
          selector: {matchLabels: {app: server}}
          template:
            metadata: {labels: {app: server}}
            spec: {containers: [{name: server, ports: [{containerPort: 80}]}]}
        ---
        apiVersion: k8s.otterize.com/v2beta1
        kind: ClientIntents
        metadata: {name: client, namespace: otterize-tutorial-npol}
        spec:
          workload: {name: client}
          targets:
            - kubernetes: {name: server}
        """;

    /// <summary>The LoadBalancer case of the Otterize documentation: a load generator calls the frontend, which a LoadBalancer Service exposes.</summary>
    private const string LoadBalancer = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: frontend, namespace: shop}
        spec:
          selector: {matchLabels: {app: frontend}}
          template:
            metadata: {labels: {app: frontend}}
            spec: {containers: [{name: server, ports: [{containerPort: 8080, name: http}]}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: loadgenerator, namespace: shop}
        spec:
          selector: {matchLabels: {app: loadgenerator}}
          template:
            metadata: {labels: {app: loadgenerator}}
            spec: {containers: [{name: main}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: frontend-external, namespace: shop}
        spec:
          type: LoadBalancer
          selector: {app: frontend}
          ports: [{name: http, port: 80, targetPort: 8080}]
        ---
        apiVersion: k8s.otterize.com/v2
        kind: ClientIntents
        metadata: {name: loadgenerator, namespace: shop}
        spec:
          workload: {name: loadgenerator}
          targets:
            - kubernetes: {name: frontend}
            - service: {name: frontend-external}
        """;

    private static Cluster Load(string yaml)
    {
        var result = ManifestLoader.LoadText(yaml, "test.yaml");
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return result.Cluster;
    }

    private static ReachabilityMatrix Matrix(Cluster cluster) => ReachabilityMatrix.Build(new ClusterEvaluator(cluster));

    private static HashSet<(string, string)> Pairs(ReachabilityMatrix m)
    {
        var pairs = new HashSet<(string, string)>();
        for (var c = 0; c < m.Workloads.Count; c++)
        {
            for (var s = 0; s < m.Workloads.Count; s++)
            {
                if (c != s && !m.Between(c, s).IsEmpty)
                {
                    pairs.Add((m.Workloads[c].Name, m.Workloads[s].Name));
                }
            }
        }

        return pairs;
    }

    [Fact]
    public void TutorialIntent_WithoutPolicies_IsAllowed_AndTheOtherClientIsAllowedButNeverIntended()
    {
        var analysis = IntentsAnalyzer.Analyze(Matrix(Load(Tutorial)));

        var declared = Assert.Single(analysis.Findings, f => f.Call is not null);
        Assert.Equal(IntentClass.IntendedAllowed, declared.Class);
        Assert.Equal(("client", "server"), (declared.Client.Name, ((WorkloadEndpoint)declared.Target).Workload.Name));
        Assert.Contains(analysis.OfClass(IntentClass.AllowedNotIntended), f => f.Client.Name == "client-other" && f.Target.Id.Contains("/server[", StringComparison.Ordinal));
        Assert.Contains(analysis.OfClass(IntentClass.AllowedNotIntended), f => f.Client.Name == "client" && f.Target.Id.Contains("/client-other[", StringComparison.Ordinal));
    }

    [Fact]
    public void TutorialIntent_BehindADefaultDeny_IsIntendedButBlocked()
    {
        var cluster = Load(Tutorial + """

            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: otterize-tutorial-npol}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            """);

        var analysis = IntentsAnalyzer.Analyze(Matrix(cluster));

        var declared = Assert.Single(analysis.Findings, f => f.Call is not null);
        Assert.Equal(IntentClass.IntendedBlocked, declared.Class);
        Assert.True(analysis.AnyBlocked);
        Assert.Empty(analysis.OfClass(IntentClass.AllowedNotIntended));
    }

    [Theory]
    [InlineData(IntentSelectorMode.WorkloadLabels)]
    [InlineData(IntentSelectorMode.OtterizeLabels)]
    public void TutorialIntent_GeneratesOnePolicy_AllowingClientToServer_AndNothingElseNew(IntentSelectorMode mode)
    {
        var cluster = Load(Tutorial);
        var before = Matrix(cluster);

        var proposal = IntentPolicyGenerator.Propose(before.Evaluator, mode);

        var policy = Assert.Single(proposal.All);
        Assert.Equal(PolicyTypes.Ingress, policy.Types);
        var after = Pairs(Matrix(proposal.After));
        Assert.Contains(("client", "server"), after);
        Assert.DoesNotContain(("client-other", "server"), after);
        Assert.Subset(Pairs(before), after);
        var analysis = IntentsAnalyzer.Analyze(Matrix(proposal.After));
        Assert.Equal(IntentClass.IntendedAllowed, Assert.Single(analysis.Findings, f => f.Call is not null).Class);
    }

    [Fact]
    public void OtterizeLabelMode_SelectsByTheOperatorsLabels_AndNamesThePolicyAfterTheFormattedIdentity()
    {
        var cluster = Load(Tutorial);

        var proposal = IntentPolicyGenerator.Propose(new ClusterEvaluator(cluster), IntentSelectorMode.OtterizeLabels);

        var formatted = IntentPolicyGenerator.FormattedIdentity("server", "otterize-tutorial-npol");
        Assert.Matches("^server-otterize-tutorial-np-[0-9a-f]{6}$", formatted);
        var policy = Assert.Single(proposal.Policies);
        Assert.Equal($"{formatted}-access", policy.Name);
        Assert.Equal(formatted, policy.PodSelector.MatchLabels[IntentPolicyGenerator.ServiceLabel]);
        var client = Assert.Single(proposal.Relabeled, w => w.Name == "client");
        Assert.Equal("true", client.Labels[IntentPolicyGenerator.AccessLabelPrefix + formatted]);
    }

    [Fact]
    public void LoadBalancerService_KeepsExternalTraffic_ThroughAnExternalAccessPolicy()
    {
        var cluster = Load(LoadBalancer);
        var evaluator = new ClusterEvaluator(cluster);
        var outside = Endpoint.Of(IPAddress.Parse("203.0.113.9"));
        var frontend = Endpoint.Of(cluster.FindWorkload("shop/frontend")!);

        var with = IntentPolicyGenerator.Propose(evaluator, IntentSelectorMode.WorkloadLabels);
        var without = IntentPolicyGenerator.Propose(evaluator, IntentSelectorMode.WorkloadLabels, allowExternalTraffic: false);

        var external = Assert.Single(with.ExternalPolicies);
        Assert.Equal("external-access-to-frontend-external", external.Name);
        Assert.True(new ClusterEvaluator(with.After).Evaluate(outside, frontend).Contains(Protocol.TCP, 8080));
        Assert.True(new ClusterEvaluator(without.After).Evaluate(outside, frontend).IsEmpty);
        Assert.Contains(with.Notes, n => n.Contains("LoadBalancer", StringComparison.Ordinal));
    }

    [Fact]
    public void ServiceTarget_MeansTheServicesTargetPorts()
    {
        var analysis = IntentsAnalyzer.Analyze(Matrix(Load(LoadBalancer)));

        var viaService = Assert.Single(analysis.Findings, f => f.Via is not null);
        Assert.Equal(ConnectionSet.Of(Protocol.TCP, 8080), viaService.Intended);
        Assert.Equal("frontend-external", viaService.Via!.Name);
    }

    [Fact]
    public void UnknownClientOrTarget_IsReportedAsUnresolved()
    {
        var cluster = Load(Tutorial + """

            ---
            apiVersion: k8s.otterize.com/v2
            kind: ClientIntents
            metadata: {name: ghost, namespace: otterize-tutorial-npol}
            spec:
              workload: {name: client}
              targets:
                - kubernetes: {name: nobody}
            """);

        var analysis = IntentsAnalyzer.Analyze(Matrix(cluster));

        var unresolved = Assert.Single(analysis.Unresolved);
        Assert.Contains("nobody", unresolved.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void WorkloadNameAnnotation_NamesTheWorkloadForIntents()
    {
        var cluster = Load(Tutorial.Replace("metadata: {labels: {app: server}}", "metadata: {labels: {app: server}, annotations: {intents.otterize.com/workload-name: backend}}", StringComparison.Ordinal)
            .Replace("- kubernetes: {name: server}", "- kubernetes: {name: backend}", StringComparison.Ordinal));

        var analysis = IntentsAnalyzer.Analyze(Matrix(cluster));

        Assert.Equal("server", Assert.Single(analysis.Findings, f => f.Call is not null).Target is WorkloadEndpoint w ? w.Workload.Name : null);
    }

    [Fact]
    public void ExportedIntents_ImportBackToTheSameIntendedEdges()
    {
        var cluster = Load(LoadBalancer.Replace("kind: ClientIntents", "kind: Ignored", StringComparison.Ordinal).Split("---")[..^1].Aggregate((a, b) => a + "---" + b) + """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: frontend, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: frontend}}
              ingress: [{from: [{podSelector: {matchLabels: {app: loadgenerator}}}]}]
            """);
        var matrix = Matrix(cluster);

        var exported = IntentsExporter.FromPolicies(matrix);
        var imported = Load(Manifests.Writing.ManifestWriter.WriteCluster(cluster) + "\n---\n" + IntentsWriter.Write(exported));
        var analysis = IntentsAnalyzer.Analyze(Matrix(imported));

        Assert.Equal(Pairs(matrix), analysis.Findings.Where(f => f.Call is not null).Select(f => (f.Client.Name, ((WorkloadEndpoint)f.Target).Workload.Name)).ToHashSet());
        Assert.All(analysis.Findings, f => Assert.Equal(IntentClass.IntendedAllowed, f.Class));
    }

    [Fact]
    public void PoliciesToIntentsToPolicies_AllowsTheSameWorkloadPairs()
    {
        // Every workload has some client, so the generated ingress policies isolate each one as the originals do.
        var cluster = Manifest.Load("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: shop-in, namespace: shop}
            spec:
              podSelector: {}
              ingress: [{from: [{podSelector: {matchLabels: {tier: front}}}, {namespaceSelector: {matchLabels: {team: ops}}}]}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: pay-in, namespace: payments}
            spec:
              podSelector: {}
              ingress: [{from: [{namespaceSelector: {matchLabels: {team: web}}, podSelector: {matchLabels: {app: api}}}]}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: ops-in, namespace: ops}
            spec:
              podSelector: {}
              ingress: [{from: [{namespaceSelector: {matchLabels: {team: pay}}}]}]
            """);
        var original = Matrix(cluster);

        var intents = IntentsExporter.FromPolicies(original);
        var withIntents = cluster.WithNetworkPolicies([]) with { Intents = intents.ToValueArray() };
        var proposal = IntentPolicyGenerator.Propose(new ClusterEvaluator(withIntents), IntentSelectorMode.WorkloadLabels);

        Assert.Empty(proposal.Notes);
        Assert.Equal(Pairs(original), Pairs(Matrix(proposal.After)));
    }
}
