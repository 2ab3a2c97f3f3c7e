using System.Text;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.ClusterGeneration;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Export;
using PolicyEditor.Web.Import;

namespace PolicyEditor.Web.Tests.Export;

/// <summary>Export then import gives back the same policies, for the bundled sample and generated profiles.</summary>
public class ExportRoundTripTests
{
    public static TheoryData<string> Clusters() => ["shop", "S0", "MED", "OCP"];

    private static Cluster ClusterOf(string name) => name == "shop"
        ? SampleFiles.LoadShop().Result.Cluster
        : ClusterGenerator.Generate(GeneratorProfile.All.Single(p => p.Name == name));

    private static void AssertSamePolicies(Cluster expected, Cluster actual)
    {
        Assert.Equal(expected.NetworkPolicies.OrderBy(p => p.Id, StringComparer.Ordinal), actual.NetworkPolicies.OrderBy(p => p.Id, StringComparer.Ordinal));
        Assert.Equal(expected.AdminNetworkPolicies.OrderBy(a => a.Name, StringComparer.Ordinal), actual.AdminNetworkPolicies.OrderBy(a => a.Name, StringComparer.Ordinal));
        Assert.Equal(expected.BaselineAdminNetworkPolicy, actual.BaselineAdminNetworkPolicy);
    }

    [Theory]
    [MemberData(nameof(Clusters))]
    public void AllPoliciesYaml_ImportsBackToTheSameWorkspace(string name)
    {
        var cluster = ClusterOf(name);
        var yaml = PolicyExport.AllPolicies(cluster);

        var read = Uploads.Load([new UploadedFile("policies.yaml", Encoding.UTF8.GetBytes(yaml))], LoadOptions.Unlimited);

        Assert.False(read.Refused);
        Assert.False(read.Result.HasErrors, string.Join('\n', read.Result.Diagnostics));
        AssertSamePolicies(cluster, read.Result.Cluster);

        // Into the workspace without its policies, the import restores it exactly.
        var frame = cluster with { NetworkPolicies = ValueArray<NetworkPolicy>.Empty, AdminNetworkPolicies = ValueArray<AdminNetworkPolicy>.Empty, BaselineAdminNetworkPolicy = null };
        var restored = ClusterMerge.Combine(frame, read.Result, ImportMode.Merge);
        Assert.Equal(cluster, restored);
    }

    [Theory]
    [MemberData(nameof(Clusters))]
    public void OneFilePerPolicyZip_ImportsBackToTheSamePolicies(string name)
    {
        var cluster = ClusterOf(name);

        var read = Uploads.Load([new UploadedFile("policies.zip", PolicyExport.Zip(cluster))], LoadOptions.Unlimited);

        Assert.False(read.Refused, read.Refusal);
        Assert.False(read.Result.HasErrors, string.Join('\n', read.Result.Diagnostics));
        Assert.Equal(cluster.NetworkPolicies.Count + cluster.AdminNetworkPolicies.Count + (cluster.BaselineAdminNetworkPolicy is null ? 0 : 1), read.FilesRead);
        AssertSamePolicies(cluster, read.Result.Cluster);
    }

    [Fact]
    public void ChangedPolicies_HoldOnlyWhatTheDraftAddsOrChanges_AndSayHowToDeleteTheRest()
    {
        var shop = SampleFiles.LoadShop().Result.Cluster;
        var deleted = shop.NetworkPolicies[0];
        var changed = shop.NetworkPolicies[1] with { Name = shop.NetworkPolicies[1].Name };
        var renamed = shop.NetworkPolicies[2] with { Name = "renamed" };
        var draft = shop.Apply(PolicyChange.Delete(deleted)).Apply(PolicyChange.Upsert(renamed));

        var text = PolicyExport.ChangedPolicies(shop, draft);
        var read = Uploads.Load([new UploadedFile("changed.yaml", Encoding.UTF8.GetBytes(text))]);

        Assert.Equal([renamed.Id], read.Result.Cluster.NetworkPolicies.Select(p => p.Id));
        Assert.Contains($"kubectl delete networkpolicy {deleted.Name} -n {deleted.Namespace}", text, StringComparison.Ordinal);
        Assert.DoesNotContain(changed.Name + "\n", text.Split("---").Skip(1).FirstOrDefault() ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../../../tmp/zipslip", "deny")]
    [InlineData("shop", "../../evil")]
    [InlineData("shop", "a/b")]
    public void AZipEntry_IsNeverMadeFromANameKubernetesRefuses(string ns, string name)
    {
        var shop = SampleFiles.LoadShop().Result.Cluster;
        var bad = shop.NetworkPolicies[0] with { Namespace = ns, Name = name };

        var refused = Assert.Throws<ArgumentException>(() => PolicyExport.Zip(shop.Apply(PolicyChange.Upsert(bad))));

        Assert.Contains("cannot be exported as files", refused.Message, StringComparison.Ordinal);
    }
}
