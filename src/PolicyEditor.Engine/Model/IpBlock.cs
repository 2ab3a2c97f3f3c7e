using PolicyEditor.Engine.Addresses;

namespace PolicyEditor.Engine.Model;

/// <summary>A NetworkPolicy <c>ipBlock</c>: a CIDR minus its <c>except</c> CIDRs.</summary>
public sealed record IpBlock(Cidr Cidr, ValueArray<Cidr> Except)
{
    /// <summary>The addresses the block stands for.</summary>
    public AddressSet Addresses => AddressSet.Of(Cidr).Subtract(AddressSet.FromRanges(Except.Select(e => e.Range)));

    /// <inheritdoc />
    public override string ToString() => Except.IsEmpty ? Cidr.Text : $"{Cidr.Text} except {string.Join(", ", Except.Select(e => e.Text))}";
}
