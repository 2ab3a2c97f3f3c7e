using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests;

/// <summary>The bundled shop sample, as the web project copies it beside its output (and so beside the tests').</summary>
internal static class SampleFiles
{
    /// <summary>The sample's folder in the test output.</summary>
    public static string ShopDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "samples", "shop");

    /// <summary>The sample, loaded as the app loads it.</summary>
    public static LoadedCluster LoadShop() =>
        new("shop", "samples/shop", ShopDirectory, ManifestLoader.LoadDirectory(ShopDirectory));

    /// <summary>Another bundled sample (<c>calico</c>, <c>cilium-shop</c>...), loaded as the app loads it.</summary>
    public static LoadedCluster Load(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "samples", name);
        return new(name, $"samples/{name}", directory, ManifestLoader.LoadDirectory(directory));
    }
}
