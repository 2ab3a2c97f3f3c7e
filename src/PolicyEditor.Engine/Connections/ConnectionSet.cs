using System.Text;

namespace PolicyEditor.Engine.Connections;

/// <summary>
/// Which connections, over every IP protocol: destination ports of TCP, UDP, SCTP and UDPLite, types and
/// codes of ICMP and ICMPv6, and every other protocol number whole. The one type the engine uses for "what
/// traffic", immutable, with set algebra; "all" and "none" are shared instances so the common cases cost
/// nothing.
/// </summary>
public sealed class ConnectionSet : IEquatable<ConnectionSet>
{
    /// <summary>No connection at all.</summary>
    public static readonly ConnectionSet None = new(PortSet.Empty, PortSet.Empty, PortSet.Empty, PortSet.Empty, IcmpSet.Empty, IcmpSet.Empty, ProtocolMask.Empty);

    /// <summary>Every protocol, every port, every ICMP type and code.</summary>
    public static readonly ConnectionSet All = new(PortSet.All, PortSet.All, PortSet.All, PortSet.All, IcmpSet.All, IcmpSet.All, ProtocolMask.Whole);

    private static readonly ConnectionSet KubernetesAll = Create(PortSet.All, PortSet.All, PortSet.All, PortSet.Empty, IcmpSet.Empty, IcmpSet.Empty, ProtocolMask.Empty);

    private readonly PortSet _sctp;
    private readonly PortSet _tcp;
    private readonly PortSet _udp;
    private readonly PortSet _udpLite;
    private readonly IcmpSet _icmp;
    private readonly IcmpSet _icmpV6;
    private readonly ProtocolMask _whole;
    private readonly int _hash;

    private ConnectionSet(PortSet sctp, PortSet tcp, PortSet udp, PortSet udpLite, IcmpSet icmp, IcmpSet icmpV6, ProtocolMask whole)
    {
        _sctp = sctp;
        _tcp = tcp;
        _udp = udp;
        _udpLite = udpLite;
        _icmp = icmp;
        _icmpV6 = icmpV6;
        _whole = whole;
        _hash = HashCode.Combine(sctp, tcp, udp, udpLite, icmp, icmpV6, whole);
    }

    /// <summary>True when no connection is in the set.</summary>
    public bool IsEmpty => ReferenceEquals(this, None);

    /// <summary>True when every connection is in the set.</summary>
    public bool IsAll => ReferenceEquals(this, All);

    /// <summary>The ports of a protocol with ports; empty for any other protocol.</summary>
    public PortSet this[Protocol protocol] => Ports(protocol);

    /// <summary>The ports of a protocol with ports; empty for any other protocol.</summary>
    public PortSet Ports(Protocol protocol) => protocol.Number switch
    {
        6 => _tcp,
        17 => _udp,
        132 => _sctp,
        136 => _udpLite,
        _ => PortSet.Empty,
    };

    /// <summary>The types and codes of ICMP or ICMPv6; empty for any other protocol.</summary>
    public IcmpSet Types(Protocol protocol) => protocol.Number switch
    {
        1 => _icmp,
        58 => _icmpV6,
        _ => IcmpSet.Empty,
    };

    /// <summary>Whether the set holds some connection of <paramref name="protocol"/>.</summary>
    public bool Includes(Protocol protocol) =>
        protocol.HasPorts ? !Ports(protocol).IsEmpty : protocol.HasTypes ? !Types(protocol).IsEmpty : _whole.Contains(protocol.Number);

    /// <summary>Whether the set holds every connection of <paramref name="protocol"/>.</summary>
    public bool IncludesAllOf(Protocol protocol) =>
        protocol.HasPorts ? Ports(protocol).IsAll : protocol.HasTypes ? Types(protocol).IsAll : _whole.Contains(protocol.Number);

    /// <summary>The protocols the set holds some connection of, in report order.</summary>
    public IEnumerable<Protocol> Protocols
    {
        get
        {
            foreach (var p in Connections.Protocols.Named)
            {
                if (Includes(p))
                {
                    yield return p;
                }
            }

            foreach (var n in _whole.Numbers())
            {
                yield return new Protocol(n);
            }
        }
    }

    /// <summary>How many protocols held whole (neither with ports nor with types) the set holds.</summary>
    public int WholeProtocolCount => _whole.Count;

    /// <summary>The given ports of a protocol with ports (TCP, UDP, SCTP, UDPLite).</summary>
    public static ConnectionSet Of(Protocol protocol, PortSet ports) => protocol.Number switch
    {
        6 => Create(PortSet.Empty, ports, PortSet.Empty, PortSet.Empty, IcmpSet.Empty, IcmpSet.Empty, ProtocolMask.Empty),
        17 => Create(PortSet.Empty, PortSet.Empty, ports, PortSet.Empty, IcmpSet.Empty, IcmpSet.Empty, ProtocolMask.Empty),
        132 => Create(ports, PortSet.Empty, PortSet.Empty, PortSet.Empty, IcmpSet.Empty, IcmpSet.Empty, ProtocolMask.Empty),
        136 => Create(PortSet.Empty, PortSet.Empty, PortSet.Empty, ports, IcmpSet.Empty, IcmpSet.Empty, ProtocolMask.Empty),
        _ => throw new ArgumentException($"{protocol} has no ports.", nameof(protocol)),
    };

    /// <summary>The given ports of each protocol with ports, in one set.</summary>
    internal static ConnectionSet OfPorts(PortSet sctp, PortSet tcp, PortSet udp, PortSet udpLite) =>
        Create(sctp, tcp, udp, udpLite, IcmpSet.Empty, IcmpSet.Empty, ProtocolMask.Empty);

    /// <summary>One port of a protocol with ports.</summary>
    public static ConnectionSet Of(Protocol protocol, int port) => Of(protocol, PortSet.Of(port));

    /// <summary>A range of ports of a protocol with ports.</summary>
    public static ConnectionSet Of(Protocol protocol, int start, int end) => Of(protocol, PortSet.Of(new PortRange(start, end)));

    /// <summary>The given types and codes of ICMP or ICMPv6.</summary>
    public static ConnectionSet Of(Protocol protocol, IcmpSet types) => protocol.Number switch
    {
        1 => Create(PortSet.Empty, PortSet.Empty, PortSet.Empty, PortSet.Empty, types, IcmpSet.Empty, ProtocolMask.Empty),
        58 => Create(PortSet.Empty, PortSet.Empty, PortSet.Empty, PortSet.Empty, IcmpSet.Empty, types, ProtocolMask.Empty),
        _ => throw new ArgumentException($"{protocol} has no types and codes.", nameof(protocol)),
    };

    /// <summary>ICMP type <paramref name="type"/>, code <paramref name="code"/> or every code when it is null.</summary>
    public static ConnectionSet Icmp(int type, int? code = null) => Of(Protocol.ICMP, IcmpSet.Of(type, code));

    /// <summary>ICMPv6 type <paramref name="type"/>, code <paramref name="code"/> or every code when it is null.</summary>
    public static ConnectionSet IcmpV6(int type, int? code = null) => Of(Protocol.ICMPv6, IcmpSet.Of(type, code));

    /// <summary>Every connection of one protocol: every port, every type and code, or the protocol whole.</summary>
    public static ConnectionSet AllOf(Protocol protocol) =>
        protocol.HasPorts ? Of(protocol, PortSet.All)
        : protocol.HasTypes ? Of(protocol, IcmpSet.All)
        : Create(PortSet.Empty, PortSet.Empty, PortSet.Empty, PortSet.Empty, IcmpSet.Empty, IcmpSet.Empty, ProtocolMask.Of(protocol.Number));

    /// <summary>Every connection of protocol number <paramref name="number"/> (0-255).</summary>
    public static ConnectionSet OfProtocol(int number) => AllOf(new Protocol(number));

    /// <summary>The one connection <paramref name="point"/>.</summary>
    public static ConnectionSet Of(ConnectionPoint point) =>
        point.Protocol.HasPorts ? Of(point.Protocol, point.Value)
        : point.Protocol.HasTypes ? Of(point.Protocol, IcmpSet.Of(point.IcmpType, point.IcmpCode))
        : AllOf(point.Protocol);

    /// <summary>
    /// One connection of the set to ask about, null when it is empty: the first port of TCP, else of UDP, else
    /// of SCTP (what people ask about first), else the set's first connection in report order.
    /// </summary>
    public ConnectionPoint? FirstPoint
    {
        get
        {
            foreach (var protocol in (ReadOnlySpan<Protocol>)[Protocol.TCP, Protocol.UDP, Protocol.SCTP])
            {
                var ports = Ports(protocol);
                if (!ports.IsEmpty)
                {
                    return ConnectionPoint.Port(protocol, ports.Ranges[0].Start);
                }
            }

            foreach (var point in RangeStarts())
            {
                return point;
            }

            return null;
        }
    }

    /// <summary>Connections in either set.</summary>
    public ConnectionSet Union(ConnectionSet other)
    {
        if (other.IsEmpty || IsAll || ReferenceEquals(this, other))
        {
            return this;
        }

        if (IsEmpty || other.IsAll)
        {
            return other;
        }

        var sctp = _sctp.Union(other._sctp);
        var tcp = _tcp.Union(other._tcp);
        var udp = _udp.Union(other._udp);
        var udpLite = _udpLite.Union(other._udpLite);
        var icmp = _icmp.Union(other._icmp);
        var icmpV6 = _icmpV6.Union(other._icmpV6);
        var whole = _whole.Union(other._whole);
        if (Holds(sctp, tcp, udp, udpLite, icmp, icmpV6, whole))
        {
            return this;
        }

        if (other.Holds(sctp, tcp, udp, udpLite, icmp, icmpV6, whole))
        {
            return other;
        }

        return Create(sctp, tcp, udp, udpLite, icmp, icmpV6, whole);
    }

    /// <summary>Connections in both sets.</summary>
    public ConnectionSet Intersect(ConnectionSet other)
    {
        if (IsEmpty || other.IsAll || ReferenceEquals(this, other))
        {
            return this;
        }

        if (other.IsEmpty || IsAll)
        {
            return other;
        }

        return Create(
            _sctp.Intersect(other._sctp), _tcp.Intersect(other._tcp), _udp.Intersect(other._udp), _udpLite.Intersect(other._udpLite),
            _icmp.Intersect(other._icmp), _icmpV6.Intersect(other._icmpV6), _whole.Intersect(other._whole));
    }

    /// <summary>Connections in this set and not in <paramref name="other"/>.</summary>
    public ConnectionSet Subtract(ConnectionSet other)
    {
        if (IsEmpty || other.IsEmpty)
        {
            return this;
        }

        if (other.IsAll || ReferenceEquals(this, other))
        {
            return None;
        }

        return Create(
            _sctp.Subtract(other._sctp), _tcp.Subtract(other._tcp), _udp.Subtract(other._udp), _udpLite.Subtract(other._udpLite),
            _icmp.Subtract(other._icmp), _icmpV6.Subtract(other._icmpV6), _whole.Subtract(other._whole));
    }

    /// <summary>Every connection not in this set.</summary>
    public ConnectionSet Complement() => All.Subtract(this);

    /// <summary>
    /// Whether the set holds <paramref name="value"/> of <paramref name="protocol"/>: a port for a protocol with
    /// ports, <see cref="IcmpSet.Key"/> (type * 256 + code) for ICMP and ICMPv6; ignored for other protocols,
    /// which the set holds whole or not at all.
    /// </summary>
    public bool Contains(Protocol protocol, int value) =>
        protocol.HasPorts ? Ports(protocol).Contains(value)
        : protocol.HasTypes ? Types(protocol).Contains(value)
        : _whole.Contains(protocol.Number);

    /// <summary>Whether the set holds the connection <paramref name="point"/>.</summary>
    public bool Contains(ConnectionPoint point) => Contains(point.Protocol, point.Value);

    /// <summary>Whether every connection of this set is in <paramref name="other"/>.</summary>
    public bool IsSubsetOf(ConnectionSet other) => Subtract(other).IsEmpty;

    /// <summary>Every connection a report of <paramref name="scope"/> speaks of.</summary>
    public static ConnectionSet AllOf(ProtocolScope scope) => scope == ProtocolScope.Every ? All : KubernetesAll;

    /// <summary>
    /// The set as a report of <paramref name="scope"/> reads it: over every protocol, the set itself; over SCTP,
    /// TCP and UDP, the part on those three, and <see cref="All"/> when that is all of them (such a report's
    /// <c>All Connections</c>).
    /// </summary>
    public ConnectionSet AsReported(ProtocolScope scope)
    {
        if (scope == ProtocolScope.Every || IsEmpty || IsAll)
        {
            return this;
        }

        var shown = Intersect(KubernetesAll);
        return shown.Equals(KubernetesAll) ? All : shown;
    }

    /// <summary>
    /// The first connection of each range of the set, in report order: one port per port range, one message
    /// per type/code range, each protocol held whole. One question per range explains a whole set.
    /// </summary>
    public IEnumerable<ConnectionPoint> RangeStarts()
    {
        foreach (var protocol in Protocols)
        {
            if (protocol.HasPorts)
            {
                foreach (var r in Ports(protocol).Ranges)
                {
                    yield return ConnectionPoint.Port(protocol, r.Start);
                }
            }
            else if (protocol.HasTypes)
            {
                foreach (var key in Types(protocol).RangeStarts)
                {
                    yield return new ConnectionPoint(protocol, key);
                }
            }
            else
            {
                yield return ConnectionPoint.Whole(protocol);
            }
        }
    }

    /// <inheritdoc />
    public bool Equals(ConnectionSet? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null && _hash == other._hash && _whole == other._whole
            && _sctp.Equals(other._sctp) && _tcp.Equals(other._tcp) && _udp.Equals(other._udp) && _udpLite.Equals(other._udpLite)
            && _icmp.Equals(other._icmp) && _icmpV6.Equals(other._icmpV6);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ConnectionSet);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>
    /// The report form over every protocol: <c>All Connections</c>, <c>No Connections</c>, or comma-separated
    /// items in the order ICMP, ICMPv6, SCTP, TCP, UDP, UDPLite, then <c>proto N</c> ascending:
    /// <c>ICMP 8,TCP 80,443,UDP 53,proto 47</c> (<c>ICMP</c> alone is every type and code, <c>ICMP 8</c> type 8
    /// with every code, <c>ICMP 8/0</c> one code; <c>TCP 1-65535</c> all of TCP).
    /// </summary>
    public override string ToString()
    {
        if (IsAll)
        {
            return "All Connections";
        }

        if (IsEmpty)
        {
            return "No Connections";
        }

        var sb = new StringBuilder();
        foreach (var protocol in Protocols)
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(protocol.ToString());
            var values = protocol.HasPorts ? Ports(protocol).ToString()
                : protocol.HasTypes && !Types(protocol).IsAll ? Types(protocol).ToString()
                : null;
            if (values is not null)
            {
                sb.Append(' ').Append(values);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The set for people to read: the report form (see <see cref="ToString"/>), or <c>All Connections except
    /// …</c> naming what is missing when that is shorter (what an admin rule denying one port leaves).
    /// </summary>
    public string Describe()
    {
        var text = ToString();
        if (IsAll || IsEmpty || WholeProtocolCount < 128)
        {
            return text;
        }

        var missing = Complement().ToString();
        return missing.Length < text.Length ? $"All Connections except {missing}" : text;
    }

    /// <summary>
    /// Parses the report form (see <see cref="ToString"/>), also accepting protocol names in any case, a port
    /// protocol alone for all its ports (<c>TCP</c>), ICMP type ranges (<c>ICMP 0-7</c>) and code ranges
    /// (<c>ICMP 3/0-5</c>), and spaces after commas. Returns false with a reason when the text is not of that form.
    /// </summary>
    public static bool TryParse(string text, out ConnectionSet result, out string? error)
    {
        result = None;
        error = null;
        var trimmed = text.Trim();
        if (trimmed.Equals("All Connections", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            result = All;
            return true;
        }

        if (trimmed.Equals("No Connections", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("none", StringComparison.OrdinalIgnoreCase) || trimmed.Length == 0)
        {
            return true;
        }

        var set = None;
        Protocol? current = null;
        foreach (var raw in trimmed.Split(','))
        {
            var token = raw.Trim();
            var space = token.IndexOf(' ', StringComparison.Ordinal);
            var head = space < 0 ? token : token[..space];
            if (head.Equals("proto", StringComparison.OrdinalIgnoreCase))
            {
                if (!Protocol.TryParse(token, out var numbered))
                {
                    error = $"'{token}' in '{text}' is not a protocol number between 0 and 255.";
                    return false;
                }

                set = set.Union(AllOf(numbered));
                current = null;
                continue;
            }

            if (!char.IsDigit(head.FirstOrDefault()) && Protocol.TryParse(head, out var named))
            {
                current = named;
                token = space < 0 ? string.Empty : token[(space + 1)..].Trim();
                if (token.Length == 0)
                {
                    set = set.Union(AllOf(named));
                    continue;
                }
            }

            if (current is not { } protocol)
            {
                error = $"'{token}' in '{text}' does not follow a protocol; write for example 'TCP 8080', 'UDP 53', 'ICMP 8/0' or 'proto 47'.";
                return false;
            }

            if (!TryParseValues(protocol, token, out var values, out error))
            {
                error = $"'{token}' in '{text}': {error}";
                return false;
            }

            set = set.Union(values);
        }

        result = set;
        return true;
    }

    private static bool TryParseValues(Protocol protocol, string token, out ConnectionSet values, out string? error)
    {
        values = None;
        error = null;
        if (protocol.HasTypes)
        {
            if (!IcmpSet.TryParseItem(token, out var types, out error))
            {
                return false;
            }

            values = Of(protocol, types);
            return true;
        }

        if (!protocol.HasPorts)
        {
            error = $"{protocol} has no ports or types.";
            return false;
        }

        var dash = token.IndexOf('-', StringComparison.Ordinal);
        var startText = dash < 0 ? token : token[..dash];
        var endText = dash < 0 ? token : token[(dash + 1)..];
        if (!int.TryParse(startText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(endText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var end)
            || !PortRange.IsValidPort(start) || !PortRange.IsValidPort(end) || start > end)
        {
            error = "not a port or a port range between 1 and 65535.";
            return false;
        }

        values = Of(protocol, start, end);
        return true;
    }

    /// <summary>The canonical set of these parts: the shared <see cref="None"/> or <see cref="All"/> when it is one of them.</summary>
    private static ConnectionSet Create(PortSet sctp, PortSet tcp, PortSet udp, PortSet udpLite, IcmpSet icmp, IcmpSet icmpV6, ProtocolMask whole)
    {
        if (sctp.IsEmpty && tcp.IsEmpty && udp.IsEmpty && udpLite.IsEmpty && icmp.IsEmpty && icmpV6.IsEmpty && whole.IsEmpty)
        {
            return None;
        }

        if (sctp.IsAll && tcp.IsAll && udp.IsAll && udpLite.IsAll && icmp.IsAll && icmpV6.IsAll && whole == ProtocolMask.Whole)
        {
            return All;
        }

        return new ConnectionSet(sctp, tcp, udp, udpLite, icmp, icmpV6, whole);
    }

    private bool Holds(PortSet sctp, PortSet tcp, PortSet udp, PortSet udpLite, IcmpSet icmp, IcmpSet icmpV6, ProtocolMask whole) =>
        ReferenceEquals(sctp, _sctp) && ReferenceEquals(tcp, _tcp) && ReferenceEquals(udp, _udp) && ReferenceEquals(udpLite, _udpLite)
        && ReferenceEquals(icmp, _icmp) && ReferenceEquals(icmpV6, _icmpV6) && whole == _whole;
}
