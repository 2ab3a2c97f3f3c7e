namespace PolicyEditor.Manifests.Loading;

/// <summary>One input: a name to report it by (a path, or "pasted text") and its content.</summary>
public sealed record ManifestSource(string Name, string Text);
