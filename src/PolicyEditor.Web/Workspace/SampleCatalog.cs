using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.ClusterGeneration;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Workspace;

/// <summary>One bundled sample a workspace can start from.</summary>
public sealed record SampleInfo(string Key, string Name, string Description, bool Large);

/// <summary>
/// The bundled samples: the shop cluster (manifests shipped with the app), the same shop under Calico
/// policy (<c>samples/calico</c>, beside it), the S0 conformance shape,
/// and generated MED and REAL clusters (the benchmark profiles, for trying the app at scale).
/// </summary>
public sealed class SampleCatalog(SampleClusterProvider shop, WorkspaceService workspaces, Microsoft.Extensions.Options.IOptions<WorkspaceOptions> options)
{
    /// <summary>Every sample, smallest first.</summary>
    public IReadOnlyList<SampleInfo> All { get; } =
    [
        new("shop", "Shop", "A small shop: frontend, backends, a database, payments in their own namespace, DNS and monitoring, with a handful of policies.", false),
        new("calico", "Shop under Calico", "The shop's workloads under Calico policy in three tiers (security, platform, applications), with global network sets and a staged default deny.", false),
        new("cilium", "Shop on Cilium", "The shop with CiliumNetworkPolicies: entities, a DNS name with the DNS rule it needs, an L7 rule, a deny that wins and cluster-wide rules.", false),
        new("boutique", "Boutique (intents)", "A storefront whose teams declare who calls whom as Otterize ClientIntents, beside one hand-written policy and a LoadBalancer: the Intents tab and the entry points in the Posture tab show the difference.", false),
        new("s0", "S0 conformance shape", GeneratorProfile.S0.Description, false),
        new("med", "Generated MED cluster", GeneratorProfile.Med.Description, true),
        new("real", "Generated REAL cluster", GeneratorProfile.Real.Description, true),
    ];

    /// <summary>The cluster of a sample, or null for an unknown key.</summary>
    public Cluster? Load(string key) => key switch
    {
        "shop" => shop.GetSample().Result.Cluster,
        "calico" => Manifests.Loading.ManifestLoader.LoadDirectory(Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(shop.GetSample().RootDirectory))!, "calico")).Cluster,
        "cilium" => Manifests.Loading.ManifestLoader.LoadDirectory(Path.GetFullPath(Path.Combine("samples", "cilium-shop"), AppContext.BaseDirectory)).Cluster,
        "boutique" => Manifests.Loading.ManifestLoader.LoadDirectory(SiblingSample("boutique")).Cluster,
        "s0" => ClusterGenerator.Generate(GeneratorProfile.S0),
        "med" => ClusterGenerator.Generate(GeneratorProfile.Med),
        "real" => ClusterGenerator.Generate(GeneratorProfile.Real),
        _ => null,
    };

    /// <summary>The folder of another bundled sample, beside the shop sample's.</summary>
    private string SiblingSample(string key) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.Value.SampleDirectory, AppContext.BaseDirectory))!, key);

    /// <summary>A new workspace made from a sample (generated off the caller's thread), or null for an unknown key.</summary>
    public async Task<WorkspaceState?> CreateWorkspaceAsync(string key, Actor actor, CancellationToken cancellationToken = default)
    {
        var sample = All.FirstOrDefault(s => s.Key == key);
        var cluster = sample is null ? null : await Task.Run(() => Load(key), cancellationToken);
        return cluster is null ? null : await workspaces.CreateAsync(sample!.Name, cluster, actor, $"Created from the sample {sample.Name}", cancellationToken);
    }
}
