using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>The connections a Cilium rule's <c>toPorts</c> and <c>icmps</c> take in.</summary>
internal static class CiliumPorts
{
    /// <summary>
    /// The ports of a rule: every connection when it names neither ports nor ICMP types; else the union of
    /// its ports (protocol ANY or none: TCP, UDP and SCTP; port 0: every port; a name: the destination's
    /// container port of that name) and its ICMP and ICMPv6 types.
    /// </summary>
    public static ProgramPorts Of(CiliumPeerRule rule)
    {
        if (!rule.HasPorts)
        {
            return ProgramPorts.Any;
        }

        var fixedPorts = ConnectionSet.None;
        List<NamedPort>? named = null;
        foreach (var item in rule.Ports)
        {
            // A toPorts item without ports (only L7 rules) takes in every port.
            if (item.Ports.IsEmpty)
            {
                fixedPorts = fixedPorts.Union(Every(1, 65535));
            }

            foreach (var port in item.Ports)
            {
                var protocol = ProtocolOf(port.Protocol);
                if (int.TryParse(port.Port, out var number))
                {
                    var (start, end) = number == 0 ? (1, 65535) : (number, port.EndPort is { } e && e >= number ? e : number);
                    fixedPorts = fixedPorts.Union(protocol is { } p ? ConnectionSet.Of(p, start, end) : Every(start, end));
                }
                else if (port.Port.Length == 0)
                {
                    fixedPorts = fixedPorts.Union(protocol is { } p ? ConnectionSet.AllOf(p) : Every(1, 65535));
                }
                else
                {
                    (named ??= []).Add(new NamedPort(port.Port, protocol));
                }
            }
        }

        foreach (var icmp in rule.Icmps)
        {
            if (IcmpType(icmp) is { } type)
            {
                fixedPorts = fixedPorts.Union(icmp.Family == "IPv6" ? ConnectionSet.IcmpV6(type) : ConnectionSet.Icmp(type));
            }
        }

        return new ProgramPorts(fixedPorts, named is null ? ValueArray<NamedPort>.Empty : named.ToValueArray(), ConnectionSet.None);
    }

    /// <summary>The number of an ICMP type written as a number or by its name (EchoRequest...); null for an unknown name.</summary>
    public static int? IcmpType(CiliumIcmp icmp)
    {
        if (int.TryParse(icmp.Type, out var number))
        {
            return number is >= 0 and <= 255 ? number : null;
        }

        var names = icmp.Family == "IPv6" ? IcmpV6Names : IcmpV4Names;
        return names.TryGetValue(icmp.Type, out var n) ? n : null;
    }

    private static readonly Dictionary<string, int> IcmpV4Names = new(StringComparer.Ordinal)
    {
        ["EchoReply"] = 0, ["DestinationUnreachable"] = 3, ["Redirect"] = 5, ["EchoRequest"] = 8, ["RouterAdvertisement"] = 9,
        ["RouterSelection"] = 10, ["TimeExceeded"] = 11, ["ParameterProblem"] = 12, ["Timestamp"] = 13, ["TimestampReply"] = 14,
        ["Photuris"] = 40, ["ExtendedEchoRequest"] = 42, ["ExtendedEchoReply"] = 43,
    };

    private static readonly Dictionary<string, int> IcmpV6Names = new(StringComparer.Ordinal)
    {
        ["DestinationUnreachable"] = 1, ["PacketTooBig"] = 2, ["TimeExceeded"] = 3, ["ParameterProblem"] = 4, ["EchoRequest"] = 128,
        ["EchoReply"] = 129, ["MulticastListenerQuery"] = 130, ["MulticastListenerReport"] = 131, ["MulticastListenerDone"] = 132,
        ["RouterSolicitation"] = 133, ["RouterAdvertisement"] = 134, ["NeighborSolicitation"] = 135, ["NeighborAdvertisement"] = 136,
        ["RedirectMessage"] = 137, ["RouterRenumbering"] = 138, ["ICMPNodeInformationQuery"] = 139, ["ICMPNodeInformationResponse"] = 140,
        ["InverseNeighborDiscoverySolicitation"] = 141, ["InverseNeighborDiscoveryAdvertisement"] = 142, ["HomeAgentAddressDiscoveryRequest"] = 144,
        ["HomeAgentAddressDiscoveryReply"] = 145, ["MobilePrefixSolicitation"] = 146, ["MobilePrefixAdvertisement"] = 147,
        ["DuplicateAddressRequestCodeSuffix"] = 157, ["DuplicateAddressConfirmationCodeSuffix"] = 158, ["ExtendedEchoRequest"] = 160, ["ExtendedEchoReply"] = 161,
    };

    /// <summary>The protocol of a port (null: ANY).</summary>
    public static Protocol? ProtocolOf(string? text) => Protocols.TryParseKubernetes(text, out var p) ? p : null;

    private static ConnectionSet Every(int start, int end)
    {
        var every = ConnectionSet.None;
        foreach (var protocol in Protocols.Kubernetes)
        {
            every = every.Union(ConnectionSet.Of(protocol, start, end));
        }

        return every;
    }
}
