using System.Collections.Immutable;

namespace PolicyEditor.Engine.Addresses;

/// <summary>
/// A block of the external address space: addresses that every policy treats alike (each policy
/// CIDR either holds all of them or none). A block may be several ranges.
/// </summary>
public sealed record ExternalBlock(int Index, ImmutableArray<AddressRange> Ranges)
{
    /// <summary>The first range, which stands for the whole block in evaluation.</summary>
    public AddressRange Representative => Ranges[0];

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", Ranges);
}
