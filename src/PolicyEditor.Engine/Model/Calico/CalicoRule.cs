using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Model.Calico;

/// <summary>
/// One rule of a Calico policy or profile, as written: what it does (<see cref="Action"/>: Allow, Deny,
/// Pass, Log) with traffic of <see cref="Protocol"/> (and not <see cref="NotProtocol"/>), ICMP types,
/// IP version, from <see cref="Source"/> to <see cref="Destination"/>; <see cref="Http"/> is kept and
/// shown but cannot be decided at layer 4.
/// </summary>
public sealed record CalicoRule(
    RuleAction Action,
    CalicoProtocol? Protocol,
    CalicoProtocol? NotProtocol,
    CalicoIcmp? Icmp,
    CalicoIcmp? NotIcmp,
    int? IpVersion,
    CalicoEntityRule Source,
    CalicoEntityRule Destination,
    CalicoHttpMatch? Http)
{
    /// <summary>The protocols the rule names, matched or excluded.</summary>
    public IEnumerable<Connections.Protocol> NamedProtocols =>
        new[] { Protocol, NotProtocol }.OfType<CalicoProtocol>().Select(p => p.ToProtocol());

    /// <summary>A rule that does <paramref name="action"/> with everything.</summary>
    public static CalicoRule Of(RuleAction action) => new(action, null, null, null, null, null, CalicoEntityRule.Any, CalicoEntityRule.Any, null);

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string> { Action.ToString() };
        if (Protocol is { } p)
        {
            parts.Add(p.Name);
        }

        if (NotProtocol is { } np)
        {
            parts.Add($"not {np.Name}");
        }

        if (Icmp is not null)
        {
            parts.Add($"ICMP {Icmp}");
        }

        if (NotIcmp is not null)
        {
            parts.Add($"not ICMP {NotIcmp}");
        }

        if (IpVersion is not null)
        {
            parts.Add($"IPv{IpVersion}");
        }

        if (!Source.MatchesEveryEndpoint)
        {
            parts.Add($"from {Source}");
        }

        if (!Destination.MatchesEveryEndpoint)
        {
            parts.Add($"to {Destination}");
        }

        if (!Destination.Ports.IsEmpty)
        {
            parts.Add($"on ports {string.Join(", ", Destination.Ports)}");
        }

        if (!Destination.NotPorts.IsEmpty)
        {
            parts.Add($"not on ports {string.Join(", ", Destination.NotPorts)}");
        }

        if (Http is not null)
        {
            parts.Add($"restricted to {Http}");
        }

        return string.Join(" ", parts);
    }
}
