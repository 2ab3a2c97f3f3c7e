namespace PolicyEditor.Engine.Model.Calico;

/// <summary>
/// A protocol as a Calico rule names it: by name (TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite) or by number
/// (1-255). <see cref="Number"/> is the IP protocol number either way; <see cref="Text"/> is what was written.
/// </summary>
public readonly record struct CalicoProtocol(string Text, int Number)
{
    private static readonly (string Name, int Number)[] Named =
        [("TCP", 6), ("UDP", 17), ("ICMP", 1), ("ICMPv6", 58), ("SCTP", 132), ("UDPLite", 136)];

    /// <summary>TCP.</summary>
    public static readonly CalicoProtocol Tcp = new("TCP", 6);

    /// <summary>UDP.</summary>
    public static readonly CalicoProtocol Udp = new("UDP", 17);

    /// <summary>True for the protocols with ports (TCP, UDP, SCTP, UDPLite), the only ones a rule may give ports for.</summary>
    public bool HasPorts => Number is 6 or 17 or 132 or 136;

    /// <summary>True for ICMP and ICMPv6, the only ones a rule may give icmp types for.</summary>
    public bool IsIcmp => Number is 1 or 58;

    /// <summary>The protocol's name when it has one, else its number.</summary>
    public string Name
    {
        get
        {
            foreach (var (name, number) in Named)
            {
                if (number == Number)
                {
                    return name;
                }
            }

            return Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The protocol as the connection model has it.</summary>
    public Connections.Protocol ToProtocol() => new(Number);

    /// <summary>Parses a name (case-insensitive, as Calico accepts) or a number 1-255.</summary>
    public static bool TryParse(string? text, out CalicoProtocol protocol)
    {
        protocol = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var (name, number) in Named)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                protocol = new CalicoProtocol(text, number);
                return true;
            }
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 255)
        {
            protocol = new CalicoProtocol(text, n);
            return true;
        }

        return false;
    }

    /// <inheritdoc />
    public bool Equals(CalicoProtocol other) => Number == other.Number;

    /// <inheritdoc />
    public override int GetHashCode() => Number;

    /// <inheritdoc />
    public override string ToString() => Text;
}
