using PolicyEditor.Engine.Addresses;

namespace PolicyEditor.Engine.Model.Calico;

/// <summary>
/// The source or destination of a Calico rule. Every field given must hold (they are ANDed): addresses
/// in <see cref="Nets"/> and not in <see cref="NotNets"/>, endpoints <see cref="Selector"/> matches and
/// <see cref="NotSelector"/> does not, in the namespaces <see cref="NamespaceSelector"/> matches, running
/// as <see cref="ServiceAccounts"/>, behind <see cref="Services"/>, on <see cref="Ports"/> and not on
/// <see cref="NotPorts"/> (ports only for TCP, UDP, SCTP and UDPLite). An empty entity matches everything.
/// </summary>
public sealed record CalicoEntityRule(
    ValueArray<Cidr> Nets,
    ValueArray<Cidr> NotNets,
    CalicoSelector? Selector,
    CalicoSelector? NotSelector,
    CalicoSelector? NamespaceSelector,
    ValueArray<CalicoPort> Ports,
    ValueArray<CalicoPort> NotPorts,
    CalicoServiceAccountMatch? ServiceAccounts,
    CalicoServiceMatch? Services)
{
    /// <summary>The entity that matches everything.</summary>
    public static readonly CalicoEntityRule Any = new(
        ValueArray<Cidr>.Empty, ValueArray<Cidr>.Empty, null, null, null, ValueArray<CalicoPort>.Empty, ValueArray<CalicoPort>.Empty, null, null);

    /// <summary>True when nothing but ports restricts the entity's endpoints.</summary>
    public bool MatchesEveryEndpoint => Nets.IsEmpty && NotNets.IsEmpty && Selector is null && NotSelector is null
        && NamespaceSelector is null && ServiceAccounts is null && Services is null;

    /// <summary>True when the entity names workloads by what they are (selectors, service accounts, services) rather than addresses alone.</summary>
    public bool NamesEndpoints => Selector is not null || NamespaceSelector is not null || ServiceAccounts is not null || Services is not null;

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        if (Selector is not null)
        {
            parts.Add($"endpoints [{Selector}]");
        }
        else if (NamespaceSelector is not null || NotSelector is not null || ServiceAccounts is not null)
        {
            parts.Add("endpoints");
        }

        if (NotSelector is not null)
        {
            parts.Add($"except [{NotSelector}]");
        }

        if (NamespaceSelector is not null)
        {
            parts.Add($"in namespaces [{NamespaceSelector}]");
        }

        if (ServiceAccounts is not null)
        {
            parts.Add($"running as {ServiceAccounts}");
        }

        if (Services is not null)
        {
            parts.Add($"{(parts.Count == 0 ? string.Empty : "behind ")}{Services}");
        }

        if (!Nets.IsEmpty)
        {
            parts.Add($"{(parts.Count == 0 ? string.Empty : "within ")}{string.Join(", ", Nets)}");
        }

        if (!NotNets.IsEmpty)
        {
            parts.Add($"{(parts.Count == 0 ? "anything " : string.Empty)}outside {string.Join(", ", NotNets)}");
        }

        return parts.Count == 0 ? "anything" : string.Join(" ", parts);
    }
}
