using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Selectors;

/// <summary>
/// A Kubernetes label selector: every <c>matchLabels</c> pair and every <c>matchExpressions</c>
/// requirement must hold. The empty selector selects everything. Where a field may be absent
/// (a peer's podSelector or namespaceSelector) the model holds <c>null</c>, and each use says what
/// absence means there.
/// </summary>
public sealed record LabelSelector(LabelSet MatchLabels, ValueArray<LabelRequirement> MatchExpressions)
{
    // Selectors key the compilation and membership caches, thousands of lookups per matrix: hash each once.
    private int _hash;

    /// <summary>A copy (for <c>with</c>), which hashes itself again since a property changes.</summary>
    private LabelSelector(LabelSelector original)
    {
        MatchLabels = original.MatchLabels;
        MatchExpressions = original.MatchExpressions;
    }

    /// <summary>The empty selector <c>{}</c>, which selects everything.</summary>
    public static readonly LabelSelector Everything = new(LabelSet.Empty, ValueArray<LabelRequirement>.Empty);

    /// <summary>True for <c>{}</c>: no labels and no expressions, so it selects everything.</summary>
    public bool IsEmpty => MatchLabels.Count == 0 && MatchExpressions.IsEmpty;

    /// <summary>A selector of <c>matchLabels</c> only.</summary>
    public static LabelSelector ForLabels(params (string Key, string Value)[] labels) =>
        new(LabelSet.Of(labels), ValueArray<LabelRequirement>.Empty);

    /// <summary>Whether the labels satisfy every pair and requirement.</summary>
    public bool Matches(LabelSet labels)
    {
        foreach (var pair in MatchLabels.Pairs)
        {
            if (!labels.TryGetValue(pair.Key, out var value) || !string.Equals(value, pair.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var requirement in MatchExpressions)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public bool Equals(LabelSelector? other) =>
        ReferenceEquals(this, other)
        || (other is not null && GetHashCode() == other.GetHashCode() && MatchLabels.Equals(other.MatchLabels) && MatchExpressions.Equals(other.MatchExpressions));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = _hash;
        if (hash == 0)
        {
            hash = HashCode.Combine(MatchLabels, MatchExpressions) | 1;
            _hash = hash;
        }

        return hash;
    }

    /// <summary>The selector in kubectl's form, e.g. <c>app=web,tier in (a,b)</c>; <c>{}</c> (everything) when empty.</summary>
    public override string ToString()
    {
        if (IsEmpty)
        {
            return "{}";
        }

        return string.Join(",", MatchLabels.Select(p => $"{p.Key}={p.Value}").Concat(MatchExpressions.Select(e => e.ToString())));
    }
}
