using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Selectors;

/// <summary>
/// An inverted index over label sets (label to the items carrying it), so a selector is checked only
/// against the items its most selective positive requirement admits instead of against every item.
/// </summary>
public sealed class LabelIndex
{
    private readonly IReadOnlyList<LabelSet> _items;
    private readonly Dictionary<(string Key, string Value), List<int>> _byPair = [];
    private readonly Dictionary<string, List<int>> _byKey = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="items"/>; results are indices into that list.</summary>
    public LabelIndex(IReadOnlyList<LabelSet> items)
    {
        _items = items;
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var (key, value) in items[i].Pairs)
            {
                if (!_byPair.TryGetValue((key, value), out var pairList))
                {
                    _byPair[(key, value)] = pairList = [];
                }

                pairList.Add(i);
                if (!_byKey.TryGetValue(key, out var keyList))
                {
                    _byKey[key] = keyList = [];
                }

                keyList.Add(i);
            }
        }
    }

    /// <summary>The indices (ascending) of the items the selector matches.</summary>
    public List<int> Matching(LabelSelector selector)
    {
        var candidates = Candidates(selector);
        var result = new List<int>(candidates?.Count ?? _items.Count);
        if (candidates is null)
        {
            for (var i = 0; i < _items.Count; i++)
            {
                if (selector.Matches(_items[i]))
                {
                    result.Add(i);
                }
            }
        }
        else
        {
            foreach (var i in candidates)
            {
                if (selector.Matches(_items[i]))
                {
                    result.Add(i);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// A superset (ascending, distinct) of the matching items taken from the smallest posting list of a
    /// positive requirement, or null when the selector has none (only NotIn/DoesNotExist, or empty).
    /// </summary>
    public IReadOnlyList<int>? Candidates(LabelSelector selector)
    {
        IReadOnlyList<int>? best = null;
        foreach (var pair in selector.MatchLabels.Pairs)
        {
            var list = _byPair.TryGetValue((pair.Key, pair.Value), out var l) ? l : [];
            if (best is null || list.Count < best.Count)
            {
                best = list;
            }
        }

        foreach (var requirement in selector.MatchExpressions)
        {
            IReadOnlyList<int>? list = requirement.Operator switch
            {
                SelectorOperator.Exists => _byKey.TryGetValue(requirement.Key, out var k) ? k : [],
                SelectorOperator.In when requirement.Values.Count == 1 => _byPair.TryGetValue((requirement.Key, requirement.Values[0]), out var p) ? p : [],
                SelectorOperator.In => Union(requirement),
                _ => null,
            };
            if (list is not null && (best is null || list.Count < best.Count))
            {
                best = list;
            }
        }

        return best;
    }

    private List<int> Union(LabelRequirement requirement)
    {
        var set = new SortedSet<int>();
        foreach (var value in requirement.Values)
        {
            if (_byPair.TryGetValue((requirement.Key, value), out var list))
            {
                set.UnionWith(list);
            }
        }

        return [.. set];
    }
}
