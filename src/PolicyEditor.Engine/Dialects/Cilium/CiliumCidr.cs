using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>
/// A CIDR peer: an item of <c>fromCIDR</c>/<c>toCIDR</c> (<see cref="IsSet"/> false: just the prefix) or of
/// <c>fromCIDRSet</c>/<c>toCIDRSet</c>: a prefix with <see cref="Except"/>, or a reference to a
/// CiliumCIDRGroup by name (<see cref="GroupRef"/>) or by labels (<see cref="GroupSelector"/>).
/// </summary>
public sealed record CiliumCidr(bool IsSet, string? Cidr, string? GroupRef, LabelSelector? GroupSelector, ValueArray<string> Except)
{
    /// <summary>A plain prefix of <c>fromCIDR</c>/<c>toCIDR</c>.</summary>
    public static CiliumCidr Plain(string cidr) => new(false, cidr, null, null, []);

    /// <inheritdoc />
    public override string ToString()
    {
        var what = Cidr ?? (GroupRef is not null ? $"CIDR group {GroupRef}" : $"CIDR groups [{GroupSelector}]");
        return Except.IsEmpty ? what : $"{what} except {string.Join(", ", Except)}";
    }
}
