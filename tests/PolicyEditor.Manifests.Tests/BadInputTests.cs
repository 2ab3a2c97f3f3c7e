using System.Text;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Manifests.Tests;

public class BadInputTests
{
    private const string ValidPod = "apiVersion: v1\nkind: Pod\nmetadata: {name: survivor, namespace: ok}\n";

    private static Diagnostic SingleError(LoadResult result) =>
        Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Field is not null);

    private static LoadResult LoadPolicy(string rule) => ManifestLoader.LoadText($"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {"{"}name: bad, namespace: shop{"}"}
        spec:
          podSelector: {"{}"}
          ingress:
          - {rule}
        ---
        {ValidPod}
        """, "policy.yaml");

    [Theory]
    [InlineData("ports: [{protocol: TCPX, port: 80}]", "spec.ingress[0].ports[0].protocol", "protocol 'TCPX' is not one of TCP, UDP, SCTP.")]
    [InlineData("ports: [{port: 70000}]", "spec.ingress[0].ports[0].port", "port 70000 is outside 1-65535.")]
    [InlineData("ports: [{port: Web_Port}]", "spec.ingress[0].ports[0].port", "port name 'Web_Port' must be")]
    [InlineData("ports: [{endPort: 90}]", "spec.ingress[0].ports[0].endPort", "endPort needs a numeric 'port'")]
    [InlineData("ports: [{port: 90, endPort: 80}]", "spec.ingress[0].ports[0].endPort", "endPort 80 must be between port 90 and 65535.")]
    [InlineData("from: [{ipBlock: {cidr: 10.0.0.0/33}}]", "spec.ingress[0].from[0].ipBlock.cidr", "'10.0.0.0/33' is not a CIDR")]
    [InlineData("from: [{ipBlock: {cidr: 10.0.0.0/8, except: [192.168.0.0/16]}}]", "spec.ingress[0].from[0].ipBlock.except[0]", "must lie strictly inside cidr 10.0.0.0/8")]
    [InlineData("from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]", "spec.ingress[0].from[0].ipBlock", "cannot share a peer")]
    [InlineData("from: [{podSelector: {matchExpressions: [{key: app, operator: Contains, values: [a]}]}}]", "spec.ingress[0].from[0].podSelector.matchExpressions[0].operator", "operator 'Contains' is not one of In, NotIn, Exists, DoesNotExist.")]
    [InlineData("from: [{podSelector: {matchExpressions: [{key: app, operator: In}]}}]", "spec.ingress[0].from[0].podSelector.matchExpressions[0].values", "operator In needs at least one value.")]
    [InlineData("from: [{}]", "spec.ingress[0].from[0]", "a peer must name")]
    public void InvalidPolicyField_IsReportedAtItsLine_AndThePolicyIsNotLoaded(string rule, string field, string message)
    {
        var result = LoadPolicy(rule);

        var error = SingleError(result);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("policy.yaml", error.File);
        Assert.Equal(7, error.Line);
        Assert.Equal("NetworkPolicy/shop/bad", error.Object);
        Assert.Empty(result.Cluster.NetworkPolicies);
        Assert.Contains(result.Cluster.Workloads, w => w.Name == "survivor");
    }

    [Fact]
    public void MalformedYaml_IsReportedWithLine_AndOtherDocumentsStillLoad()
    {
        var result = ManifestLoader.LoadText($"""
            {ValidPod}---
            apiVersion: v1
            kind: Pod
            metadata:
              name: broken
               namespace: x
            ---
            apiVersion: v1
            kind: Pod
            metadata: {"{"}name: after, namespace: ok{"}"}
            """, "mixed.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("mixed.yaml", error.File);
        Assert.Equal(9, error.Line);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
        Assert.Equal(["ok/after[Pod]", "ok/survivor[Pod]"], result.Cluster.Workloads.Select(w => w.Id));
    }

    [Fact]
    public void DuplicatePolicyName_IsAnError_AndTheFirstIsKept()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: a}
            spec: {podSelector: {matchLabels: {v: first}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: a}
            spec: {podSelector: {matchLabels: {v: second}}}
            """, "dup.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(6, error.Line);
        Assert.Contains("defined twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("dup.yaml:1", error.Message, StringComparison.Ordinal);
        Assert.Equal("first", Assert.Single(result.Cluster.NetworkPolicies).PodSelector.MatchLabels["v"]);
    }

    [Fact]
    public void MissingName_IsAnError()
    {
        var result = ManifestLoader.LoadText("apiVersion: v1\nkind: Namespace\nmetadata: {labels: {a: b}}\n");

        var error = SingleError(result);
        Assert.Equal("metadata.name", error.Field);
    }

    [Fact]
    public void MisspelledRuleField_IsAWarning_ThatSuggestsTheRightName()
    {
        var result = LoadPolicy("form: [{podSelector: {}}]");

        var warning = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
        Assert.Equal("spec.ingress[0].form", warning.Field);
        Assert.Contains("did you mean 'from'?", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AliasBomb_IsRejected_WithoutExhaustingMemory()
    {
        var yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            yaml.Append($"  a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        var result = ManifestLoader.LoadText(yaml + "---\n" + ValidPod, "bomb.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("alias bomb", error.Message, StringComparison.Ordinal);
        Assert.Single(result.Cluster.Workloads);
    }

    [Fact]
    public void DeeplyNestedDocument_IsRejected()
    {
        var yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: deep}\nspec: " + new string('[', 200) + new string(']', 200) + "\n";

        var result = ManifestLoader.LoadText(yaml, "deep.yaml");

        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains("nests deeper", StringComparison.Ordinal));
        Assert.Empty(result.Cluster.Workloads);
    }

    [Fact]
    public void BinaryFile_IsRejected()
    {
        var path = Path.GetTempFileName() + ".yaml";
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02]);
        try
        {
            var result = ManifestLoader.LoadFiles([path]);

            Assert.Contains("binary file", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void InvalidUtf8_IsRejected_WithItsLine()
    {
        var path = Path.GetTempFileName() + ".yaml";
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes("apiVersion: v1\nkind: Pod\n"), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\n")]);
        try
        {
            var result = ManifestLoader.LoadFiles([path]);

            var error = Assert.Single(result.Diagnostics);
            Assert.Equal(3, error.Line);
            Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FileOverTheSizeLimit_IsRejected()
    {
        var path = Path.GetTempFileName() + ".yaml";
        File.WriteAllText(path, ValidPod + new string('#', 2000));
        try
        {
            var result = ManifestLoader.LoadFiles([path], new LoadOptions { MaxFileBytes = 1000 });

            Assert.Contains("more than the limit", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
            Assert.Empty(result.Cluster.Workloads);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TooManyDocuments_RefuseTheWholeInput_NamingTheLimit()
    {
        var text = string.Join("---\n", Enumerable.Range(0, 50).Select(i => $"apiVersion: v1\nkind: Pod\nmetadata: {{name: p{i}}}\n"));

        var result = ManifestLoader.LoadText(text, "many.yaml", new LoadOptions { MaxDocuments = 20 });

        Assert.Empty(result.Cluster.Workloads);
        Assert.Contains("more than 20 documents, the limit set by LoadOptions.MaxDocuments", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
        Assert.NotNull(result.Refusal);
    }

    [Fact]
    public void ThousandsOfDocuments_Load()
    {
        var text = string.Join("---\n", Enumerable.Range(0, 5000).Select(i => $"apiVersion: v1\nkind: Pod\nmetadata: {{name: p{i}, namespace: n{i % 50}}}\n"));

        var result = ManifestLoader.LoadText(text, "many.yaml");

        Assert.Equal(5000, result.Cluster.Workloads.Count);
        Assert.Equal(50, result.Cluster.Namespaces.Count);
    }

    [Fact]
    public void DocumentThatIsNotAMapping_IsSkippedWithAWarning()
    {
        var result = ManifestLoader.LoadText("- just\n- a list\n---\n" + ValidPod, "list.yaml");

        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Line == 1);
        Assert.Single(result.Cluster.Workloads);
    }

    [Fact]
    public void DiagnosticText_NamesFileLineObjectAndField()
    {
        var error = SingleError(LoadPolicy("ports: [{port: 70000}]"));

        Assert.Equal("policy.yaml:7:20: error: NetworkPolicy/shop/bad: spec.ingress[0].ports[0].port: port 70000 is outside 1-65535.", error.ToString());
    }
}
