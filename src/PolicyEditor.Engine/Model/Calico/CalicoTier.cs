using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Model.Calico;

/// <summary>A Calico Tier: policies in it run before those of tiers with a higher <see cref="Order"/> (none: last); <see cref="DefaultAction"/> ends it for endpoints its policies select.</summary>
public sealed record CalicoTier(string Name, double? Order, TierDefault DefaultAction) : IPolicyResource
{
    /// <inheritdoc />
    public string Kind => "Tier";

    /// <inheritdoc />
    public string? Namespace => null;

    /// <inheritdoc />
    public override string ToString() => $"tier {Name}";
}
