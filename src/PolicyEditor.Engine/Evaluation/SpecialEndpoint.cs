namespace PolicyEditor.Engine.Evaluation;

/// <summary>
/// A peer that is neither a workload nor an address range: the local host, the other nodes, the
/// kube-apiserver, health and init endpoints, unmanaged endpoints, the ingress proxy (Cilium's entities),
/// written <c>{name}</c>. It is never the subject of a policy: its own side allows everything.
/// </summary>
public sealed record SpecialEndpoint(string Name) : Endpoint
{
    /// <inheritdoc />
    public override string Id => $"{{{Name}}}";

    /// <inheritdoc />
    public override string ToString() => Id;
}
