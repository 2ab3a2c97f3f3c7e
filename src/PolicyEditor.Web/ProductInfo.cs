using System.Reflection;

namespace PolicyEditor.Web;

/// <summary>The product's name and version, as the app shows them.</summary>
public static class ProductInfo
{
    /// <summary>The product name.</summary>
    public const string Name = "PolicyEditor";

    /// <summary>The version of this build: the informational version without the source revision suffix.</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>The source revision this build was made from, when the build recorded one.</summary>
    public static string? SourceRevision { get; } = ReadRevision();

    private static string InformationalVersion =>
        typeof(ProductInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private static string ReadVersion() => InformationalVersion.Split('+')[0];

    private static string? ReadRevision()
    {
        var parts = InformationalVersion.Split('+', 2);
        return parts.Length == 2 && parts[1].Length > 0 ? parts[1][..Math.Min(12, parts[1].Length)] : null;
    }
}
