namespace PolicyEditor.Engine.Model.Calico;

/// <summary>
/// A rule's application-layer match (<c>http</c>): methods and paths (<c>exact</c> or <c>prefix</c>).
/// Policy at layer 4 cannot see it; it is kept, written back and shown as a restriction on the connection.
/// </summary>
public sealed record CalicoHttpMatch(ValueArray<string> Methods, ValueArray<CalicoHttpPath> Paths)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        if (!Methods.IsEmpty)
        {
            parts.Add($"HTTP methods {string.Join(", ", Methods)}");
        }

        if (!Paths.IsEmpty)
        {
            parts.Add($"paths {string.Join(", ", Paths)}");
        }

        return parts.Count == 0 ? "HTTP" : string.Join(" on ", parts);
    }
}
