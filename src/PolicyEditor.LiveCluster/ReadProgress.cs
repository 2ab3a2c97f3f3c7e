namespace PolicyEditor.LiveCluster;

/// <summary>Where reading a cluster stands: the kind being listed and how many of it were read so far.</summary>
public sealed record ReadProgress(string Kind, int Read, bool Done)
{
    /// <inheritdoc />
    public override string ToString() => Done ? $"{Kind}: {Read:N0} read" : $"{Kind}: {Read:N0} read so far…";
}
