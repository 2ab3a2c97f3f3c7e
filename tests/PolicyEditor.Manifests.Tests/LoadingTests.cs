using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Manifests.Tests;

public class LoadingTests
{
    [Fact]
    public void MultiDocumentYaml_LoadsEveryKind()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
              labels:
                team: web
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: frontend
              namespace: shop
            spec:
              template:
                metadata:
                  labels:
                    app: frontend
                spec:
                  containers:
                  - name: web
                    ports:
                    - containerPort: 8080
                      name: http
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: allow-web
              namespace: shop
            spec:
              podSelector:
                matchLabels:
                  app: frontend
              ingress:
              - ports:
                - port: http
            """, "shop.yaml");

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity != DiagnosticSeverity.Info);
        var ns = Assert.Single(result.Cluster.Namespaces);
        Assert.Equal("web", ns.Labels["team"]);
        Assert.Equal("shop", ns.Labels[Namespace.NameLabel]);
        var workload = Assert.Single(result.Cluster.Workloads);
        Assert.Equal("shop/frontend[Deployment]", workload.Id);
        Assert.Equal(new ContainerPort("http", 8080, Protocol.TCP), Assert.Single(workload.Ports));
        var policy = Assert.Single(result.Cluster.NetworkPolicies);
        Assert.Equal(NetworkPolicyPort.Named(Protocol.TCP, "http"), Assert.Single(Assert.Single(policy.Ingress).Ports));
        Assert.Equal(new SourceLocation("shop.yaml", 25, 1), result.LocationOf(policy));
    }

    [Fact]
    public void JsonDocument_Loads()
    {
        var result = ManifestLoader.LoadText("""
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "p", "namespace": "a", "labels": {"app": "x"}},
             "spec": {"containers": [{"name": "c", "ports": [{"containerPort": 53, "protocol": "UDP"}]}]}}
            """, "pod.json");

        var workload = Assert.Single(result.Cluster.Workloads);
        Assert.Equal("a/p[Pod]", workload.Id);
        Assert.Equal(Protocol.UDP, Assert.Single(workload.Ports).Protocol);
    }

    [Theory]
    [InlineData("List", "")]
    [InlineData("PodList", "")]
    public void ListDocuments_LoadTheirItems(string listKind, string _)
    {
        var itemKind = listKind == "List" ? "\n  kind: Pod" : string.Empty;
        var result = ManifestLoader.LoadText($"""
            apiVersion: v1
            kind: {listKind}
            items:
            - apiVersion: v1{itemKind}
              metadata:
                name: one
              spec: {"{}"}
            - apiVersion: v1{itemKind}
              metadata:
                name: two
              spec: {"{}"}
            """);

        Assert.Equal(["default/one[Pod]", "default/two[Pod]"], result.Cluster.Workloads.Select(w => w.Id));
    }

    [Fact]
    public void PodsWithTheSameOwner_BecomeOneWorkloadNamedAfterTheOwner()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-7d9f-abcde
              namespace: shop
              labels: {app: web, pod-template-hash: 7d9f}
              ownerReferences:
              - {apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9f, controller: true}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-7d9f-fghij
              namespace: shop
              labels: {app: web, pod-template-hash: 7d9f}
              ownerReferences:
              - {apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9f, controller: true}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: etcd-node1
              namespace: kube-system
              ownerReferences:
              - {apiVersion: v1, kind: Node, name: node1, controller: true}
            """);

        Assert.Equal(["kube-system/etcd-node1[Pod]", "shop/web-7d9f[ReplicaSet]"], result.Cluster.Workloads.Select(w => w.Id));
    }

    [Fact]
    public void PodsOfADeploymentsReplicaSet_AreTheDeployment_WhenTheDeploymentIsLoaded()
    {
        // What 'kubectl get deployments,pods -o yaml' gives: the pods' owner, the ReplicaSet, is not in it.
        var result = ManifestLoader.LoadText("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              template:
                metadata: {labels: {app: web}}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-7d9f-abcde
              namespace: shop
              labels: {app: web, pod-template-hash: 7d9f}
              ownerReferences:
              - {apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9f, controller: true}
            """);

        Assert.Equal(["shop/web[Deployment]"], result.Cluster.Workloads.Select(w => w.Id));
    }

    [Fact]
    public void AWorkloadMadeByAnotherLoadedOne_IsFoldedIntoIt()
    {
        // What 'kubectl get all -o yaml' gives: a CronJob, the Job it made, and the Job's pod.
        var result = ManifestLoader.LoadText("""
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: report, namespace: ops}
            spec:
              jobTemplate:
                spec:
                  template:
                    metadata: {labels: {app: report}}
            ---
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: report-29000000
              namespace: ops
              ownerReferences:
              - {apiVersion: batch/v1, kind: CronJob, name: report, controller: true}
            spec:
              template:
                metadata: {labels: {app: report, job-name: report-29000000}}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: report-29000000-x7k2p
              namespace: ops
              labels: {app: report, job-name: report-29000000}
              ownerReferences:
              - {apiVersion: batch/v1, kind: Job, name: report-29000000, controller: true}
            """);

        Assert.Equal(["ops/report[CronJob]"], result.Cluster.Workloads.Select(w => w.Id));
    }

    [Fact]
    public void NamespaceReferencedButNotDefined_IsCreatedWithItsNameLabel()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: orphans}
            """);

        var ns = Assert.Single(result.Cluster.Namespaces);
        Assert.Equal("orphans", ns.Labels[Namespace.NameLabel]);
    }

    [Fact]
    public void ObjectWithoutNamespace_IsInDefault()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny}
            spec: {podSelector: {}}
            """);

        Assert.Equal("default", Assert.Single(result.Cluster.NetworkPolicies).Namespace);
    }

    [Fact]
    public void AbsentPolicyTypes_StayAbsent_AndDefaultApplies()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p}
            spec:
              podSelector: {}
              egress:
              - {}
            """);

        var policy = Assert.Single(result.Cluster.NetworkPolicies);
        Assert.Null(policy.DeclaredPolicyTypes);
        Assert.Equal(PolicyTypes.Both, policy.Types);
        Assert.Equal(NetworkPolicyRule.AllowAll, Assert.Single(policy.Egress));
    }

    [Fact]
    public void PeersAndSelectors_KeepAbsentApartFromEmpty()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: a}
            spec:
              podSelector: {}
              ingress:
              - from:
                - namespaceSelector: {}
                - namespaceSelector:
                    matchExpressions:
                    - {key: team, operator: NotIn, values: [x, y]}
                  podSelector:
                    matchLabels: {app: db}
                - ipBlock:
                    cidr: 10.0.0.0/8
                    except: [10.1.0.0/16]
            """);

        var peers = Assert.Single(Assert.Single(result.Cluster.NetworkPolicies).Ingress).Peers;
        Assert.Equal(NetworkPolicyPeer.Namespaces(LabelSelector.Everything), peers[0]);
        Assert.Null(peers[0].PodSelector);
        Assert.Equal(SelectorOperator.NotIn, peers[1].NamespaceSelector!.MatchExpressions[0].Operator);
        Assert.Equal("db", peers[1].PodSelector!.MatchLabels["app"]);
        Assert.Equal("10.0.0.0/8 except 10.1.0.0/16", peers[2].IpBlock!.ToString());
    }

    [Fact]
    public void AdminPolicies_Load()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: guard}
            spec:
              priority: 10
              subject: {namespaces: {}}
              egress:
              - name: no-metadata
                action: Deny
                to:
                - networks: [169.254.169.254/32]
                ports:
                - portNumber: {protocol: TCP, port: 80}
                - portRange: {protocol: UDP, start: 1000, end: 2000}
                - namedPort: dns
            ---
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: BaselineAdminNetworkPolicy
            metadata: {name: default}
            spec:
              subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: x}}}}
              ingress:
              - name: deny-all
                action: Deny
                from: [{namespaces: {}}]
            """);

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity != DiagnosticSeverity.Info);
        var anp = Assert.Single(result.Cluster.AdminNetworkPolicies);
        Assert.Equal(10, anp.Priority);
        var rule = Assert.Single(anp.Egress);
        Assert.Equal(AdminAction.Deny, rule.Action);
        Assert.Equal([AdminPort.Number(Protocol.TCP, 80), AdminPort.Range(Protocol.UDP, 1000, 2000), AdminPort.Named("dns")], rule.Ports.ToArray());
        Assert.Equal("default", result.Cluster.BaselineAdminNetworkPolicy!.Name);
    }

    [Fact]
    public void AnAdminPolicyThatTheApiServerWouldReject_IsRefusedWithItsLineAndField_AndTheRestLoads()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: too-high}
            spec:
              priority: 1001
              subject: {namespaces: {}}
            ---
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: bad-action}
            spec:
              priority: 3
              subject: {namespaces: {}}
              ingress:
              - {name: r, action: Accept, from: [{namespaces: {}}]}
            ---
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: backwards}
            spec:
              priority: 4
              subject: {namespaces: {}}
              egress:
              - name: r
                action: Deny
                to: [{namespaces: {}}]
                ports: [{portRange: {protocol: TCP, start: 90, end: 80}}]
            ---
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: fine}
            spec:
              priority: 5
              subject: {namespaces: {}}
            """, "admin.yaml");

        Assert.Equal("fine", Assert.Single(result.Cluster.AdminNetworkPolicies).Name);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, d => d.Field == "spec.priority" && d.Line == 5 && d.Message.Contains("0-1000", StringComparison.Ordinal));
        Assert.Contains(errors, d => d.Field == "spec.ingress[0].action" && d.Line == 15);
        Assert.Contains(errors, d => d.Field == "spec.egress[0].ports[0].portRange" && d.Line == 27);
    }

    [Fact]
    public void IngressAndRoute_BecomeExposures()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: shop}
            spec:
              rules:
              - http:
                  paths:
                  - path: /
                    backend:
                      service: {name: web, port: {number: 80}}
            ---
            apiVersion: route.openshift.io/v1
            kind: Route
            metadata: {name: api, namespace: shop}
            spec:
              to: {kind: Service, name: api}
              port: {targetPort: http}
            """);

        Assert.Equal(
            [new Exposure(ExposureKind.Ingress, "shop", "web", ValueArray.Create(new ExposureBackend("web", PortReference.OfNumber(80)))),
             new Exposure(ExposureKind.Route, "shop", "api", ValueArray.Create(new ExposureBackend("api", PortReference.OfName("http"))))],
            result.Cluster.Exposures.ToArray());
    }

    [Fact]
    public void OtherKinds_AreCountedAsSkipped()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            """);

        Assert.Equal(1, result.SkippedKinds["ConfigMap"]);
        Assert.Equal(1, result.SkippedKinds["Widget"]);
        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Info && d.Message.Contains("Widget", StringComparison.Ordinal));
    }

    [Fact]
    public void Directory_IsReadRecursively_YamlYmlAndJsonOnly()
    {
        var dir = Directory.CreateTempSubdirectory("pe-load-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "nested"));
            File.WriteAllText(Path.Combine(dir.FullName, "a.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n");
            File.WriteAllText(Path.Combine(dir.FullName, "nested", "b.yml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: b}\n");
            File.WriteAllText(Path.Combine(dir.FullName, "nested", "c.json"), "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"c\"}}");
            File.WriteAllText(Path.Combine(dir.FullName, "notes.txt"), "kind: Pod");

            var result = ManifestLoader.LoadDirectory(dir.FullName);

            Assert.Equal(["default/a[Pod]", "default/b[Pod]", "default/c[Pod]"], result.Cluster.Workloads.Select(w => w.Id));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
