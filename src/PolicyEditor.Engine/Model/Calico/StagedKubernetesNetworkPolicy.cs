namespace PolicyEditor.Engine.Model.Calico;

/// <summary>A Kubernetes NetworkPolicy staged through Calico (never enforced; promoting it applies <see cref="Policy"/>).</summary>
public sealed record StagedKubernetesNetworkPolicy(NetworkPolicy Policy, string? StagedAction) : IPolicyResource
{
    /// <inheritdoc />
    public string Kind => nameof(StagedKubernetesNetworkPolicy);

    /// <inheritdoc />
    public string? Namespace => Policy.Namespace;

    /// <inheritdoc />
    public string Name => Policy.Name;

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Namespace}/{Name}";
}
