namespace PolicyEditor.Engine.Addresses;

/// <summary>
/// Addresses as a person reads them: one address as itself, a range as the CIDRs that cover it
/// (<c>203.0.113.192/26</c>, <c>0.0.0.0/0</c>). Reports for tools keep <see cref="AddressRange.ToString"/>'s
/// <c>first-last</c> form; this is for sentences and screens.
/// </summary>
public static class AddressText
{
    /// <summary>The range in CIDR notation; beyond <paramref name="max"/> CIDRs, the first ones and how many more.</summary>
    public static string Of(AddressRange range, int max = 4)
    {
        if (range.First == range.Last)
        {
            return AddressRange.Format(range.Family, range.First);
        }

        var cidrs = range.ToCidrs();
        return cidrs.Count <= max ? string.Join(", ", cidrs) : $"{string.Join(", ", cidrs.Take(max))} and {cidrs.Count - max} more";
    }
}
