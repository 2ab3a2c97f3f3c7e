using System.Globalization;
using System.Text;

namespace PolicyEditor.Engine.Connections;

/// <summary>
/// Which connections: for each protocol, the set of destination ports. The one type the engine uses
/// for "what traffic", with set algebra; "all" and "none" are shared instances so the common cases
/// cost nothing.
/// </summary>
public sealed class ConnectionSet : IEquatable<ConnectionSet>
{
    /// <summary>No connection at all.</summary>
    public static readonly ConnectionSet None = new(PortSet.Empty, PortSet.Empty, PortSet.Empty);

    /// <summary>Every port of every protocol.</summary>
    public static readonly ConnectionSet All = new(PortSet.All, PortSet.All, PortSet.All);

    private readonly PortSet[] _ports;
    private readonly int _hash;

    private ConnectionSet(PortSet sctp, PortSet tcp, PortSet udp)
    {
        _ports = [sctp, tcp, udp];
        _hash = HashCode.Combine(sctp, tcp, udp);
    }

    /// <summary>True when no connection is in the set.</summary>
    public bool IsEmpty => _ports[0].IsEmpty && _ports[1].IsEmpty && _ports[2].IsEmpty;

    /// <summary>True when every connection is in the set.</summary>
    public bool IsAll => _ports[0].IsAll && _ports[1].IsAll && _ports[2].IsAll;

    /// <summary>The ports of one protocol.</summary>
    public PortSet this[Protocol protocol] => _ports[(int)protocol];

    /// <summary>The set with the given ports for each protocol.</summary>
    public static ConnectionSet Of(PortSet sctp, PortSet tcp, PortSet udp)
    {
        if (sctp.IsEmpty && tcp.IsEmpty && udp.IsEmpty)
        {
            return None;
        }

        if (sctp.IsAll && tcp.IsAll && udp.IsAll)
        {
            return All;
        }

        return new ConnectionSet(sctp, tcp, udp);
    }

    /// <summary>The given ports of one protocol.</summary>
    public static ConnectionSet Of(Protocol protocol, PortSet ports) => protocol switch
    {
        Protocol.SCTP => Of(ports, PortSet.Empty, PortSet.Empty),
        Protocol.TCP => Of(PortSet.Empty, ports, PortSet.Empty),
        _ => Of(PortSet.Empty, PortSet.Empty, ports),
    };

    /// <summary>One port of one protocol.</summary>
    public static ConnectionSet Of(Protocol protocol, int port) => Of(protocol, PortSet.Of(port));

    /// <summary>A range of ports of one protocol.</summary>
    public static ConnectionSet Of(Protocol protocol, int start, int end) => Of(protocol, PortSet.Of(new PortRange(start, end)));

    /// <summary>Every port of one protocol.</summary>
    public static ConnectionSet AllOf(Protocol protocol) => Of(protocol, PortSet.All);

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

        var sctp = _ports[0].Union(other._ports[0]);
        var tcp = _ports[1].Union(other._ports[1]);
        var udp = _ports[2].Union(other._ports[2]);
        if (ReferenceEquals(sctp, _ports[0]) && ReferenceEquals(tcp, _ports[1]) && ReferenceEquals(udp, _ports[2]))
        {
            return this;
        }

        if (ReferenceEquals(sctp, other._ports[0]) && ReferenceEquals(tcp, other._ports[1]) && ReferenceEquals(udp, other._ports[2]))
        {
            return other;
        }

        return Of(sctp, tcp, udp);
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

        return Of(_ports[0].Intersect(other._ports[0]), _ports[1].Intersect(other._ports[1]), _ports[2].Intersect(other._ports[2]));
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

        return Of(_ports[0].Subtract(other._ports[0]), _ports[1].Subtract(other._ports[1]), _ports[2].Subtract(other._ports[2]));
    }

    /// <summary>Whether the set holds <paramref name="port"/> over <paramref name="protocol"/>.</summary>
    public bool Contains(Protocol protocol, int port) => this[protocol].Contains(port);

    /// <summary>Whether every connection of this set is in <paramref name="other"/>.</summary>
    public bool IsSubsetOf(ConnectionSet other) => Subtract(other).IsEmpty;

    /// <inheritdoc />
    public bool Equals(ConnectionSet? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null && _hash == other._hash
            && _ports[0].Equals(other._ports[0]) && _ports[1].Equals(other._ports[1]) && _ports[2].Equals(other._ports[2]);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ConnectionSet);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>
    /// The report form: <c>All Connections</c>, <c>No Connections</c>, or protocols in the order SCTP, TCP,
    /// UDP each followed by its ports, comma-separated: <c>TCP 80,443,UDP 53</c>.
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
        foreach (var protocol in Protocols.All)
        {
            var ports = this[protocol];
            if (ports.IsEmpty)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(protocol.ToString()).Append(' ').Append(ports.ToString());
        }

        return sb.ToString();
    }

    /// <summary>
    /// Parses the report form (see <see cref="ToString"/>), also accepting <c>TCP</c> alone for all its
    /// ports and spaces after commas. Returns false with a reason when the text is not of that form.
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

        var ranges = new List<PortRange>[3] { [], [], [] };
        Protocol? current = null;
        foreach (var raw in trimmed.Split(','))
        {
            var token = raw.Trim();
            var space = token.IndexOf(' ', StringComparison.Ordinal);
            var head = space < 0 ? token : token[..space];
            if (Protocols.TryParse(head.ToUpperInvariant(), out var p))
            {
                current = p;
                token = space < 0 ? string.Empty : token[(space + 1)..].Trim();
                if (token.Length == 0)
                {
                    ranges[(int)p].Add(new PortRange(PortRange.MinPort, PortRange.MaxPort));
                    continue;
                }
            }

            if (current is null)
            {
                error = $"'{text}' names ports before any protocol; write for example 'TCP 8080' or 'UDP 53'.";
                return false;
            }

            var dash = token.IndexOf('-', StringComparison.Ordinal);
            var startText = dash < 0 ? token : token[..dash];
            var endText = dash < 0 ? token : token[(dash + 1)..];
            if (!int.TryParse(startText, NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                || !int.TryParse(endText, NumberStyles.None, CultureInfo.InvariantCulture, out var end)
                || !PortRange.IsValidPort(start) || !PortRange.IsValidPort(end) || start > end)
            {
                error = $"'{token}' in '{text}' is not a port or a port range between 1 and 65535.";
                return false;
            }

            ranges[(int)current.Value].Add(new PortRange(start, end));
        }

        result = Of(PortSet.FromRanges(ranges[0]), PortSet.FromRanges(ranges[1]), PortSet.FromRanges(ranges[2]));
        return true;
    }
}
