namespace PolicyEditor.Engine.Model;

/// <summary>An Ingress or Route: it lets the ingress controller reach the pods behind its backends' Services.</summary>
public sealed record Exposure(ExposureKind Kind, string Namespace, string Name, ValueArray<ExposureBackend> Backends)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Namespace}/{Name}";
}
