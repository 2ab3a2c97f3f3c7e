using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Intents;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Intents;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Manifests.Tests.Intents;

public class IntentsReadingTests
{
    /// <summary>The same intents in the older form (service and calls), as the Otterize reference documents them.</summary>
    private const string OlderForm = """
        apiVersion: k8s.otterize.com/{0}
        kind: ClientIntents
        metadata: {{name: client-intents, namespace: otterize-tutorial}}
        spec:
          service:
            name: client
          calls:
            - name: server
            - name: orderservice.orders
              type: http
              HTTPResources:
                - path: /orders/*
                  methods: [get, post]
            - name: kafka
              type: kafka
              kafkaTopics:
                - name: orders
                  operations: [produce]
            - name: bookings
              type: database
              databaseResources:
                - databaseName: bookings-db
                  table: users
                  operations: [SELECT]
            - type: internet
              internet:
                domains: [api.example.com]
                ips: [203.0.113.7]
                ports: [443]
            - name: frontend
              kind: Service
        """;

    /// <summary>The same intents in the newer form (workload and targets).</summary>
    private const string NewerForm = """
        apiVersion: k8s.otterize.com/{0}
        kind: ClientIntents
        metadata: {{name: client-intents, namespace: otterize-tutorial}}
        spec:
          workload:
            name: client
          targets:
            - kubernetes:
                name: server
            - kubernetes:
                name: orderservice.orders
                http:
                  - path: /orders/*
                    methods: [GET, POST]
            - kafka:
                name: kafka
                topics:
                  - name: orders
                    operations: [produce]
            - sql:
                name: bookings
                privileges:
                  - databaseName: bookings-db
                    table: users
                    operations: [SELECT]
            - internet:
                domains: [api.example.com]
                ips: [203.0.113.7]
                ports: [443]
            - service:
                name: frontend
        """;

    public static TheoryData<string> Versions => new() { "v1alpha2", "v1alpha3", "v1beta1", "v1", "v2alpha1", "v2beta1", "v2" };

    [Theory]
    [MemberData(nameof(Versions))]
    public void EveryDocumentedVersion_LoadsToTheSameModel(string version)
    {
        var form = version.StartsWith("v1", StringComparison.Ordinal) ? OlderForm : NewerForm;

        var loaded = ManifestLoader.LoadText(string.Format(System.Globalization.CultureInfo.InvariantCulture, form, version), "intents.yaml");

        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity != DiagnosticSeverity.Info);
        Assert.Equal(Expected, Assert.Single(loaded.Cluster.Intents));
    }

    [Fact]
    public void WrittenIntents_LoadBackToAnEqualModel()
    {
        var yaml = IntentsWriter.Write(Expected with { Client = new IntentWorkload("client", "Deployment") });

        var loaded = ManifestLoader.LoadText(yaml, "written.yaml");

        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity != DiagnosticSeverity.Info);
        Assert.Equal(Expected with { Client = new IntentWorkload("client", "Deployment") }, Assert.Single(loaded.Cluster.Intents));
        Assert.Contains("apiVersion: k8s.otterize.com/v2", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterWithIntents_RoundTripsThroughTheClusterWriter()
    {
        var cluster = ManifestLoader.LoadText(string.Format(System.Globalization.CultureInfo.InvariantCulture, NewerForm, "v2") + """

            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: client, namespace: otterize-tutorial}
            spec:
              selector: {matchLabels: {app: client}}
              template:
                metadata:
                  labels: {app: client}
                  annotations: {intents.otterize.com/workload-name: shopper}
                spec: {containers: [{name: c}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: frontend-external, namespace: otterize-tutorial}
            spec:
              type: LoadBalancer
              externalTrafficPolicy: Local
              loadBalancerSourceRanges: [198.51.100.0/24]
              selector: {app: client}
              ports: [{port: 80, targetPort: 8080}]
            """, "cluster.yaml").Cluster;

        var again = ManifestLoader.LoadText(Writing.ManifestWriter.WriteCluster(cluster), "again.yaml").Cluster;

        Assert.Equal(cluster.Intents, again.Intents);
        Assert.Equal("shopper", Assert.Single(again.Workloads).IdentityName);
        var service = Assert.Single(again.Services);
        Assert.Equal(ServiceType.LoadBalancer, service.Type);
        Assert.True(service.ExternalTrafficLocal);
        Assert.Equal(Cidr.Parse("198.51.100.0/24"), Assert.Single(service.LoadBalancerSourceRanges));
    }

    [Theory]
    [InlineData("apiVersion: k8s.otterize.com/v9\nkind: ClientIntents\nmetadata: {name: a}\nspec: {workload: {name: c}}", "apiVersion", 1)]
    [InlineData("apiVersion: k8s.otterize.com/v2\nkind: ClientIntents\nmetadata: {name: a}\nspec:\n  workload: {kind: Deployment}", "spec.workload.name", 5)]
    [InlineData("apiVersion: k8s.otterize.com/v2\nkind: ClientIntents\nmetadata: {name: a}\nspec:\n  workload: {name: c.other}", "spec.workload.name", 5)]
    [InlineData("apiVersion: k8s.otterize.com/v2\nkind: ClientIntents\nmetadata: {name: a}\nspec:\n  workload: {name: c}\n  targets:\n    - kubernetes: {name: s}\n      service: {name: t}", "spec.targets[0]", 7)]
    [InlineData("apiVersion: k8s.otterize.com/v1alpha3\nkind: ClientIntents\nmetadata: {name: a}\nspec:\n  service: {name: c}\n  calls:\n    - name: s\n      type: grpc", "spec.calls[0].type", 8)]
    [InlineData("apiVersion: k8s.otterize.com/v2\nkind: ClientIntents\nmetadata: {name: a}\nspec:\n  workload: {name: c}\n  targets:\n    - internet: {ips: [not-an-ip]}", "spec.targets[0].internet.ips[0]", 7)]
    public void BadIntents_AreReportedWithLineAndField(string yaml, string field, int line)
    {
        var loaded = ManifestLoader.LoadText(yaml, "bad.yaml");

        var diagnostic = Assert.Single(loaded.Diagnostics, d => d.Field == field);
        Assert.Equal(line, diagnostic.Line);
        Assert.Equal("bad.yaml", diagnostic.File);
    }

    private static readonly ClientIntents Expected = new(
        "otterize-tutorial",
        "client-intents",
        new IntentWorkload("client", null),
        ValueArray.Create(
            new IntentCall(IntentCallType.Kubernetes, "server", null),
            new IntentCall(IntentCallType.Kubernetes, "orderservice.orders", null) { Http = ValueArray.Create(new IntentHttpResource("/orders/*", ValueArray.Create("GET", "POST"))) },
            new IntentCall(IntentCallType.Kafka, "kafka", null) { Topics = ValueArray.Create(new IntentKafkaTopic("orders", ValueArray.Create("produce"))) },
            new IntentCall(IntentCallType.Database, "bookings", null) { Databases = ValueArray.Create(new IntentDatabaseResource("bookings-db", "users", ValueArray.Create("SELECT"))) },
            new IntentCall(IntentCallType.Internet, string.Empty, null) { Internet = new IntentInternetTarget(ValueArray.Create("api.example.com"), ValueArray.Create(Cidr.Parse("203.0.113.7/32")), ValueArray.Create(443)) },
            new IntentCall(IntentCallType.Service, "frontend", null)));
}
