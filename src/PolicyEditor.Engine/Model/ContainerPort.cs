using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Model;

/// <summary>A port a workload's containers listen on, optionally named (named ports in policies resolve to these).</summary>
public sealed record ContainerPort(string? Name, int Number, Protocol Protocol)
{
    /// <inheritdoc />
    public override string ToString() => Name is null ? $"{Protocol} {Number}" : $"{Name} ({Protocol} {Number})";
}
