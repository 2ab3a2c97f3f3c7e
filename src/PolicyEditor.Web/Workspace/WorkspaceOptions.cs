namespace PolicyEditor.Web.Workspace;

/// <summary>Where the workspace's manifests come from (configuration section <c>Workspace</c>).</summary>
public sealed class WorkspaceOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Workspace";

    /// <summary>The name shown for the bundled sample.</summary>
    public string SampleName { get; set; } = "shop";

    /// <summary>The sample's folder; a relative path is resolved against the app's own folder.</summary>
    public string SampleDirectory { get; set; } = Path.Combine("samples", "shop");
}
