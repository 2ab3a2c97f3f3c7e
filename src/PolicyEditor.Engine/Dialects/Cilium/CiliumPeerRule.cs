using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>
/// One item of an <c>ingress</c>, <c>ingressDeny</c>, <c>egress</c> or <c>egressDeny</c> section: the
/// peers (<c>from…</c>/<c>to…</c>: endpoints, CIDRs, entities, services, DNS names; none written means
/// every peer when ports are given, and no peer for an empty rule <c>{}</c>), the ports with their L7
/// rules, the ICMP types, and the fields the analysis cannot decide statically, kept as written.
/// </summary>
public sealed record CiliumPeerRule(
    ValueArray<LabelSelector> Endpoints,
    ValueArray<CiliumCidr> Cidrs,
    ValueArray<string> Entities,
    ValueArray<CiliumService> Services,
    ValueArray<CiliumFqdn> Fqdns,
    ValueArray<CiliumPortRule> Ports,
    ValueArray<CiliumIcmp> Icmps,
    ValueArray<CiliumField> Undecided)
{
    /// <summary>A rule with nothing written.</summary>
    public static readonly CiliumPeerRule Empty = new([], [], [], [], [], [], [], []);

    /// <summary>True when the rule names some peer (an L3 part).</summary>
    public bool HasPeers => !Endpoints.IsEmpty || !Cidrs.IsEmpty || !Entities.IsEmpty || !Services.IsEmpty || !Fqdns.IsEmpty
        || Undecided.Any(u => u.IsPeer);

    /// <summary>True when the rule limits ports or ICMP types (an L4 part).</summary>
    public bool HasPorts => !Ports.IsEmpty || !Icmps.IsEmpty;
}
