namespace PolicyEditor.Engine.Model;

/// <summary>
/// A cluster-scoped policy.networking.k8s.io AdminNetworkPolicy. Policies are evaluated by ascending
/// <see cref="Priority"/> (lower first), rules in the order written; the first rule that matches decides.
/// </summary>
public sealed record AdminNetworkPolicy(string Name, int Priority, AdminSubject Subject, ValueArray<AdminRule> Ingress, ValueArray<AdminRule> Egress) : IPolicyResource
{
    /// <inheritdoc />
    public string Kind => nameof(AdminNetworkPolicy);

    /// <inheritdoc />
    public string? Namespace => null;

    /// <inheritdoc />
    public override string ToString() => $"AdminNetworkPolicy {Name} (priority {Priority})";
}
