namespace PolicyEditor.Engine.Model.Calico;

/// <summary>An ICMP match of a Calico rule: a type (0-254) and optionally a code (0-255) of that type.</summary>
public sealed record CalicoIcmp(int? Type, int? Code)
{
    /// <inheritdoc />
    public override string ToString() => Type is null ? "any type" : Code is null ? $"type {Type}" : $"type {Type} code {Code}";
}
