namespace PolicyEditor.Engine.Model;

/// <summary>
/// What identifies one policy object in a cluster: its kind, its namespace (null for a cluster-scoped
/// kind) and its name.
/// </summary>
public readonly record struct PolicyKey(string Kind, string? Namespace, string Name)
{
    /// <summary>The key of a NetworkPolicy.</summary>
    public static PolicyKey OfNetworkPolicy(string ns, string name) => new(nameof(NetworkPolicy), ns, name);

    /// <summary>
    /// The object's name in reports: <c>namespace/name</c> for a NetworkPolicy (as reports always named
    /// it), <c>Kind namespace/name</c> or <c>Kind name</c> for the other kinds.
    /// </summary>
    public string Id => Kind == nameof(NetworkPolicy)
        ? $"{Namespace}/{Name}"
        : Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";

    /// <inheritdoc />
    public override string ToString() => Id;
}
