using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Model;

/// <summary>A Service: the pods it selects (none when it has no selector) and its ports.</summary>
public sealed record Service(string Namespace, string Name, LabelSelector? Selector, ValueArray<ServicePort> Ports)
{
    /// <inheritdoc />
    public override string ToString() => $"{Namespace}/{Name}";
}
