using PolicyEditor.Engine.Addresses;

namespace PolicyEditor.Engine.Model.Calico;

/// <summary>
/// A NetworkSet (namespaced) or GlobalNetworkSet (<see cref="Namespace"/> null): labelled address ranges
/// that rule selectors take in as they take in endpoints.
/// </summary>
public sealed record CalicoNetworkSet(string? Namespace, string Name, LabelSet Labels, ValueArray<Cidr> Nets) : IPolicyResource
{
    /// <summary>Domain names of a GlobalNetworkSet's allowedEgressDomains (kept; not evaluated).</summary>
    public ValueArray<string> AllowedEgressDomains { get; init; } = ValueArray<string>.Empty;

    /// <inheritdoc />
    public string Kind => Namespace is null ? "GlobalNetworkSet" : "NetworkSet";

    /// <summary>The nets as one address set.</summary>
    public AddressSet Addresses => AddressSet.FromRanges(Nets.Select(n => n.Range));

    /// <inheritdoc />
    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
