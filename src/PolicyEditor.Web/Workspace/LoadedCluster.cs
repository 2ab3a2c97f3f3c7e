using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Web.Workspace;

/// <summary>
/// A cluster loaded from a folder of manifests: its name, where it came from (as shown to people),
/// the folder itself, and what the loader produced.
/// </summary>
public sealed record LoadedCluster(string Name, string Source, string RootDirectory, LoadResult Result)
{
    /// <summary>Where an object was defined, as <c>file:line</c> relative to <see cref="RootDirectory"/>.</summary>
    public string Describe(SourceLocation? location) =>
        location is null ? string.Empty : $"{RelativePath(location.File)}:{location.Line}";

    /// <summary>A file path relative to <see cref="RootDirectory"/>, with forward slashes as on every platform.</summary>
    public string RelativePath(string file) => Path.GetRelativePath(RootDirectory, file).Replace('\\', '/');
}
