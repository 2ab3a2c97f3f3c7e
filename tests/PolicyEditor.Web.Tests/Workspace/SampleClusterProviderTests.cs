using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.Workspace;

public sealed class SampleClusterProviderTests
{
    [Fact]
    public void GetSample_LoadsTheBundledShopWithoutProblems()
    {
        var provider = Provider(new WorkspaceOptions());

        var sample = provider.GetSample();

        Assert.DoesNotContain(sample.Result.Diagnostics, d => d.Severity != DiagnosticSeverity.Info);
        Assert.Equal(["kube-system", "monitoring", "payments", "shop"], sample.Result.Cluster.Namespaces.Select(n => n.Name).Order(StringComparer.Ordinal));
        Assert.Equal(8, sample.Result.Cluster.Workloads.Count);
        Assert.Equal(9, sample.Result.Cluster.NetworkPolicies.Count);
        Assert.Equal("samples/shop", sample.Source);
    }

    [Fact]
    public void GetSample_ReportsAMissingFolderAsADiagnostic()
    {
        var provider = Provider(new WorkspaceOptions { SampleDirectory = "samples/no-such-sample" });

        var sample = provider.GetSample();

        Assert.True(sample.Result.HasErrors);
        Assert.Empty(sample.Result.Cluster.Namespaces);
    }

    [Fact]
    public void Describe_GivesTheDefinitionRelativeToTheSample()
    {
        var sample = Provider(new WorkspaceOptions()).GetSample();
        var policy = sample.Result.Cluster.FindPolicy("payments", "default-deny-all")!;

        Assert.Equal("policies/payments.yaml:2", sample.Describe(sample.Result.LocationOf(policy)));
    }

    private static SampleClusterProvider Provider(WorkspaceOptions options) =>
        new(Options.Create(options), NullLogger<SampleClusterProvider>.Instance);
}
