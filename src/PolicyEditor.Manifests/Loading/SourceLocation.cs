namespace PolicyEditor.Manifests.Loading;

/// <summary>Where an object was defined: file, line and column of its document (from 1).</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}";
}
