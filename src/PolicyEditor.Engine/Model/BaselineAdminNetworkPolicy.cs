namespace PolicyEditor.Engine.Model;

/// <summary>
/// The cluster's single BaselineAdminNetworkPolicy (named <c>default</c>): Allow/Deny rules applied to
/// traffic that neither an AdminNetworkPolicy nor a NetworkPolicy decided.
/// </summary>
public sealed record BaselineAdminNetworkPolicy(string Name, AdminSubject Subject, ValueArray<AdminRule> Ingress, ValueArray<AdminRule> Egress) : IPolicyResource
{
    /// <inheritdoc />
    public string Kind => nameof(BaselineAdminNetworkPolicy);

    /// <inheritdoc />
    public string? Namespace => null;

    /// <inheritdoc />
    public override string ToString() => $"BaselineAdminNetworkPolicy {Name}";
}
