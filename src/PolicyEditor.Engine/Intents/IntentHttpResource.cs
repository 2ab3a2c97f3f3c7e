using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Intents;

/// <summary>An HTTP path and the methods a client calls on it.</summary>
public sealed record IntentHttpResource(string Path, ValueArray<string> Methods)
{
    /// <inheritdoc />
    public override string ToString() => Methods.IsEmpty ? Path : $"{string.Join(",", Methods)} {Path}";
}
