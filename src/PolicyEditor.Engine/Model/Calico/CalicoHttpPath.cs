namespace PolicyEditor.Engine.Model.Calico;

/// <summary>One path of an <c>http</c> match: <c>exact: /x</c> or <c>prefix: /x</c>.</summary>
public sealed record CalicoHttpPath(bool Prefix, string Path)
{
    /// <inheritdoc />
    public override string ToString() => Prefix ? $"{Path}*" : Path;
}
