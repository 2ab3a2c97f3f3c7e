using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PolicyEditor.Engine.Addresses;

/// <summary>A CIDR block such as <c>10.0.0.0/8</c> or <c>2001:db8::/32</c>.</summary>
public readonly record struct Cidr
{
    private Cidr(IpFamily family, UInt128 network, int prefixLength, string text)
    {
        Family = family;
        Network = network;
        PrefixLength = prefixLength;
        Text = text;
    }

    /// <summary>The address family.</summary>
    public IpFamily Family { get; }

    /// <summary>The first address of the block, as a number.</summary>
    public UInt128 Network { get; }

    /// <summary>The prefix length.</summary>
    public int PrefixLength { get; }

    /// <summary>The text as written (normalised to the network address).</summary>
    public string Text { get; }

    /// <summary>The addresses of the block.</summary>
    public AddressRange Range
    {
        get
        {
            var bits = Family == IpFamily.V4 ? 32 : 128;
            return new AddressRange(Family, Network, Network | AddressRange.HostMask(bits - PrefixLength));
        }
    }

    /// <summary>
    /// Parses CIDR notation. Returns false with a sentence for the user when the text is not a CIDR
    /// (bad address, missing or out-of-range prefix). Host bits set below the prefix are cleared, as
    /// Kubernetes does when it matches.
    /// </summary>
    public static bool TryParse(string? text, out Cidr cidr, out string? error)
    {
        cidr = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a CIDR is required, e.g. 10.0.0.0/8";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            error = $"'{text}' is not a CIDR: it needs a prefix length, e.g. {text}/32";
            return false;
        }

        if (!IPAddress.TryParse(text[..slash], out var address) || text[..slash].Contains('%', StringComparison.Ordinal))
        {
            error = $"'{text}' is not a CIDR: '{text[..slash]}' is not an IP address";
            return false;
        }

        var family = address.AddressFamily == AddressFamily.InterNetwork ? IpFamily.V4 : IpFamily.V6;
        var maxBits = family == IpFamily.V4 ? 32 : 128;
        if (family == IpFamily.V4 && text[..slash].Count(c => c == '.') != 3)
        {
            error = $"'{text}' is not a CIDR: '{text[..slash]}' is not a dotted IPv4 address";
            return false;
        }

        if (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix < 0 || prefix > maxBits)
        {
            error = $"'{text}' is not a CIDR: the prefix length must be a number from 0 to {maxBits}";
            return false;
        }

        var (_, value) = AddressRange.ToNumber(address);
        var network = value & ~AddressRange.HostMask(maxBits - prefix);
        if (family == IpFamily.V4)
        {
            network &= uint.MaxValue;
        }

        cidr = new Cidr(family, network, prefix, $"{AddressRange.Format(family, network)}/{prefix}");
        return true;
    }

    /// <summary>Parses CIDR notation or throws <see cref="FormatException"/>.</summary>
    public static Cidr Parse(string text) => TryParse(text, out var c, out var e) ? c : throw new FormatException(e);

    /// <inheritdoc />
    public override string ToString() => Text;
}
