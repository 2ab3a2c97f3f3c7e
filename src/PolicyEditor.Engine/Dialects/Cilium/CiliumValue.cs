using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>A YAML value kept as written: a scalar, a list, or a mapping of fields (in their order).</summary>
public sealed record CiliumValue(string? Scalar, ValueArray<CiliumValue> Items, ValueArray<CiliumField> Entries)
{
    /// <summary>True for a list.</summary>
    public bool IsList { get; init; }

    /// <summary>A scalar.</summary>
    public static CiliumValue Of(string scalar) => new(scalar, [], []);

    /// <summary>A list.</summary>
    public static CiliumValue List(IEnumerable<CiliumValue> items) => new(null, items.ToValueArray(), []) { IsList = true };

    /// <summary>A mapping.</summary>
    public static CiliumValue Map(IEnumerable<CiliumField> entries) => new(null, [], entries.ToValueArray());

    /// <summary>The value of field <paramref name="key"/> of a mapping, or null.</summary>
    public CiliumValue? this[string key] => Entries.FirstOrDefault(e => e.Key == key)?.Value;

    /// <inheritdoc />
    public override string ToString() => Scalar is not null
        ? Scalar
        : IsList ? $"[{string.Join(", ", Items)}]" : $"{{{string.Join(", ", Entries)}}}";
}
