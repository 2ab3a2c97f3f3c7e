using System.Net;
using System.Net.Sockets;

namespace PolicyEditor.Engine.Addresses;

/// <summary>An inclusive range of IP addresses of one family, held as 128-bit numbers.</summary>
public readonly record struct AddressRange : IComparable<AddressRange>
{
    /// <summary>Creates the range <paramref name="first"/>..<paramref name="last"/> of <paramref name="family"/>.</summary>
    public AddressRange(IpFamily family, UInt128 first, UInt128 last)
    {
        if (first > last || last > MaxOf(family))
        {
            throw new ArgumentOutOfRangeException(nameof(first), "An address range must run from a lower to a higher address of its family.");
        }

        Family = family;
        First = first;
        Last = last;
    }

    /// <summary>The address family.</summary>
    public IpFamily Family { get; }

    /// <summary>The first address, as a number.</summary>
    public UInt128 First { get; }

    /// <summary>The last address (inclusive), as a number.</summary>
    public UInt128 Last { get; }

    /// <summary>All IPv4 addresses.</summary>
    public static AddressRange AllV4 => new(IpFamily.V4, 0, MaxOf(IpFamily.V4));

    /// <summary>All IPv6 addresses.</summary>
    public static AddressRange AllV6 => new(IpFamily.V6, 0, UInt128.MaxValue);

    /// <summary>The highest address number of a family.</summary>
    public static UInt128 MaxOf(IpFamily family) => family == IpFamily.V4 ? uint.MaxValue : UInt128.MaxValue;

    /// <summary>The range of a single address.</summary>
    public static AddressRange Of(IPAddress address)
    {
        var (family, value) = ToNumber(address);
        return new AddressRange(family, value, value);
    }

    /// <summary>Whether <paramref name="address"/> (same family) lies in the range.</summary>
    public bool Contains(IpFamily family, UInt128 address) => family == Family && address >= First && address <= Last;

    /// <summary>Whether the range holds all of <paramref name="other"/>.</summary>
    public bool Contains(AddressRange other) => other.Family == Family && other.First >= First && other.Last <= Last;

    /// <inheritdoc />
    public int CompareTo(AddressRange other)
    {
        var c = Family.CompareTo(other.Family);
        if (c != 0)
        {
            return c;
        }

        c = First.CompareTo(other.First);
        return c != 0 ? c : Last.CompareTo(other.Last);
    }

    /// <summary>The report form <c>first-last</c>, e.g. <c>10.0.0.0-10.255.255.255</c>.</summary>
    public override string ToString() => $"{Format(Family, First)}-{Format(Family, Last)}";

    /// <summary>The range as a list of CIDRs that cover it exactly (for writing ipBlocks).</summary>
    public IReadOnlyList<string> ToCidrs()
    {
        var bits = Family == IpFamily.V4 ? 32 : 128;
        var result = new List<string>();
        var start = First;
        while (true)
        {
            // The largest aligned block that starts at `start` and stays within the range.
            var hostBits = 0;
            while (hostBits < bits)
            {
                var mask = HostMask(hostBits + 1);
                if ((start & mask) != 0 || start + mask < start || start + mask > Last)
                {
                    break;
                }

                hostBits++;
            }

            result.Add($"{Format(Family, start)}/{bits - hostBits}");
            var end = start + HostMask(hostBits);
            if (end >= Last)
            {
                return result;
            }

            start = end + 1;
        }
    }

    /// <summary>The mask of the lowest <paramref name="hostBits"/> bits.</summary>
    internal static UInt128 HostMask(int hostBits) =>
        hostBits <= 0 ? UInt128.Zero : hostBits >= 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;

    /// <summary>An address as its family and number.</summary>
    public static (IpFamily Family, UInt128 Value) ToNumber(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        UInt128 value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return (address.AddressFamily == AddressFamily.InterNetwork ? IpFamily.V4 : IpFamily.V6, value);
    }

    /// <summary>A number as an address of the family, in its usual text form.</summary>
    public static string Format(IpFamily family, UInt128 value)
    {
        var length = family == IpFamily.V4 ? 4 : 16;
        var bytes = new byte[length];
        for (var i = length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xFF);
            value >>= 8;
        }

        return new IPAddress(bytes).ToString();
    }
}
