namespace PolicyEditor.Engine.Model.Calico;

/// <summary>A rule's <c>services</c>: the endpoints (and, as a destination, the ports) of one Kubernetes Service.</summary>
public sealed record CalicoServiceMatch(string Name, string? Namespace)
{
    /// <inheritdoc />
    public override string ToString() => Namespace is null ? $"service {Name}" : $"service {Namespace}/{Name}";
}
