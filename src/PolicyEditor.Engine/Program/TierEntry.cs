using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Program;

/// <summary>A policy in a tier's outline.</summary>
/// <param name="Key">The policy; null for the entry that stands for every Kubernetes NetworkPolicy of the tier.</param>
/// <param name="Description">The policy in words (kind and name).</param>
/// <param name="Order">Its order or priority as its manifest states it; null when it has none (it runs last, or its dialect has no order).</param>
public sealed record TierEntry(PolicyKey? Key, string Description, double? Order)
{
    /// <summary>True for a staged policy: shown in its place, never enforced.</summary>
    public bool IsStaged { get; init; }
}
