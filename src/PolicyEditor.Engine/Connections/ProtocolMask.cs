using System.Numerics;

namespace PolicyEditor.Engine.Connections;

/// <summary>A set of protocol numbers 0-255 as 256 bits: the protocols a connection set holds whole.</summary>
internal readonly record struct ProtocolMask(ulong Bits0, ulong Bits1, ulong Bits2, ulong Bits3)
{
    /// <summary>No protocol.</summary>
    public static readonly ProtocolMask Empty;

    /// <summary>Every protocol without ports or types: all numbers but ICMP, TCP, UDP, ICMPv6, SCTP and UDPLite.</summary>
    public static readonly ProtocolMask Whole = new ProtocolMask(~0UL, ~0UL, ~0UL, ~0UL)
        .Subtract(Of(1)).Subtract(Of(6)).Subtract(Of(17)).Subtract(Of(58)).Subtract(Of(132)).Subtract(Of(136));

    /// <summary>True when no protocol is in the mask.</summary>
    public bool IsEmpty => (Bits0 | Bits1 | Bits2 | Bits3) == 0;

    /// <summary>How many protocols the mask holds.</summary>
    public int Count => BitOperations.PopCount(Bits0) + BitOperations.PopCount(Bits1) + BitOperations.PopCount(Bits2) + BitOperations.PopCount(Bits3);

    /// <summary>The mask of one protocol number.</summary>
    public static ProtocolMask Of(int number) => (number >> 6) switch
    {
        0 => new(1UL << number, 0, 0, 0),
        1 => new(0, 1UL << (number & 63), 0, 0),
        2 => new(0, 0, 1UL << (number & 63), 0),
        _ => new(0, 0, 0, 1UL << (number & 63)),
    };

    /// <summary>Whether protocol <paramref name="number"/> is in the mask.</summary>
    public bool Contains(int number)
    {
        var word = (number >> 6) switch { 0 => Bits0, 1 => Bits1, 2 => Bits2, _ => Bits3 };
        return (word & (1UL << (number & 63))) != 0;
    }

    /// <summary>Protocols in either mask.</summary>
    public ProtocolMask Union(ProtocolMask other) => new(Bits0 | other.Bits0, Bits1 | other.Bits1, Bits2 | other.Bits2, Bits3 | other.Bits3);

    /// <summary>Protocols in both masks.</summary>
    public ProtocolMask Intersect(ProtocolMask other) => new(Bits0 & other.Bits0, Bits1 & other.Bits1, Bits2 & other.Bits2, Bits3 & other.Bits3);

    /// <summary>Protocols in this mask and not in <paramref name="other"/>.</summary>
    public ProtocolMask Subtract(ProtocolMask other) => new(Bits0 & ~other.Bits0, Bits1 & ~other.Bits1, Bits2 & ~other.Bits2, Bits3 & ~other.Bits3);

    /// <summary>The protocol numbers in the mask, ascending.</summary>
    public IEnumerable<int> Numbers()
    {
        for (var n = 0; n < 256; n++)
        {
            if (Contains(n))
            {
                yield return n;
            }
        }
    }
}
