using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Manifests.Tests;

/// <summary>Names and namespaces follow Kubernetes' naming rules at load: anything else is an error at its line, and the object does not load.</summary>
public class NameTests
{
    [Theory]
    [InlineData("NetworkPolicy", "deny", "../../../../tmp/zipslip", "metadata.namespace", 5)]
    [InlineData("NetworkPolicy", "../evil", "shop", "metadata.name", 4)]
    [InlineData("NetworkPolicy", "Deny-All", "shop", "metadata.name", 4)]
    [InlineData("NetworkPolicy", "deny", "Shop", "metadata.namespace", 5)]
    [InlineData("NetworkPolicy", "deny", "a.b", "metadata.namespace", 5)]
    [InlineData("Deployment", "-web", "shop", "metadata.name", 4)]
    [InlineData("Service", "1st", "shop", "metadata.name", 4)]
    [InlineData("Service", "web.api", "shop", "metadata.name", 4)]
    public void NamesAgainstKubernetesRules_AreErrorsAtTheirLine_AndTheObjectIsNotLoaded(string kind, string name, string ns, string field, int line)
    {
        var yaml = $"apiVersion: v1\nkind: {kind}\nmetadata:\n  name: \"{name}\"\n  namespace: \"{ns}\"\nspec: {{podSelector: {{}}}}\n";

        var result = ManifestLoader.LoadText(yaml, "names.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("names.yaml", line, field), (error.File, error.Line, error.Field));
        Assert.Contains("not a valid", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Cluster.NetworkPolicies);
        Assert.Empty(result.Cluster.Workloads);
        Assert.Empty(result.Cluster.Services);
    }

    [Fact]
    public void ANamespaceNamedAgainstTheRules_IsNotLoaded()
    {
        var result = ManifestLoader.LoadText("apiVersion: v1\nkind: Namespace\nmetadata: {name: my.namespace}\n", "ns.yaml");

        Assert.Equal("metadata.name", Assert.Single(result.Diagnostics).Field);
        Assert.Empty(result.Cluster.Namespaces);
    }

    [Theory]
    [InlineData("NetworkPolicy", "allow-dns.v2")]
    [InlineData("Deployment", "a")]
    [InlineData("Service", "web-0")]
    [InlineData("Namespace", "kube-system")]
    public void ValidNames_Load(string kind, string name) =>
        Assert.Null(KubernetesNames.NameProblem(kind, name));

    [Fact]
    public void LongNames_AreLimited_AsKubernetesDoes()
    {
        Assert.Null(KubernetesNames.NamespaceProblem(new string('a', 63)));
        Assert.NotNull(KubernetesNames.NamespaceProblem(new string('a', 64)));
        Assert.Null(KubernetesNames.NameProblem("NetworkPolicy", new string('a', 253)));
        Assert.NotNull(KubernetesNames.NameProblem("NetworkPolicy", new string('a', 254)));
    }

    [Fact]
    public void TheCommandLine_LoadsSuchNames_WithAWarning()
    {
        var result = ManifestLoader.LoadText("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: use_match_exp, namespace: default}\nspec: {podSelector: {}}\n", "np.yaml", LoadOptions.CommandLine);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "metadata.name"), (warning.Severity, warning.Field));
        Assert.Contains("Kubernetes would refuse it", warning.Message, StringComparison.Ordinal);
        Assert.Single(result.Cluster.NetworkPolicies);
    }
}
