using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Selectors;

/// <summary>
/// An inverted index over label sets (label to the items carrying it), so a selector is checked only
/// against the items its most selective positive requirement admits instead of against every item.
/// A key is indexed when a selector first asks for it: items carry many labels no selector reads (a
/// unique hash label on every pod made thousands of one-item lists per index).
/// </summary>
public sealed class LabelIndex
{
    private readonly IReadOnlyList<LabelSet> _items;
    private readonly Dictionary<string, KeyPostings> _byKey = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="items"/>; results are indices into that list.</summary>
    public LabelIndex(IReadOnlyList<LabelSet> items)
    {
        _items = items;
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
            var list = Postings(pair.Key).With(pair.Value);
            if (best is null || list.Count < best.Count)
            {
                best = list;
            }
        }

        foreach (var requirement in selector.MatchExpressions)
        {
            IReadOnlyList<int>? list = requirement.Operator switch
            {
                SelectorOperator.Exists => Postings(requirement.Key).All,
                SelectorOperator.In when requirement.Values.Count == 1 => Postings(requirement.Key).With(requirement.Values[0]),
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
        var postings = Postings(requirement.Key);
        var set = new SortedSet<int>();
        foreach (var value in requirement.Values)
        {
            set.UnionWith(postings.With(value));
        }

        return [.. set];
    }

    /// <summary>The items carrying <paramref name="key"/>, indexed on first use (readers on several threads take turns).</summary>
    private KeyPostings Postings(string key)
    {
        lock (_byKey)
        {
            if (!_byKey.TryGetValue(key, out var postings))
            {
                postings = new KeyPostings();
                for (var i = 0; i < _items.Count; i++)
                {
                    if (_items[i].TryGetValue(key, out var value))
                    {
                        postings.Add(i, value);
                    }
                }

                _byKey[key] = postings;
            }

            return postings;
        }
    }

    /// <summary>One key's items (ascending), all of them and by value.</summary>
    private sealed class KeyPostings
    {
        private readonly Dictionary<string, List<int>> _byValue = new(StringComparer.Ordinal);

        public List<int> All { get; } = [];

        public void Add(int item, string value)
        {
            All.Add(item);
            if (!_byValue.TryGetValue(value, out var list))
            {
                _byValue[value] = list = [];
            }

            list.Add(item);
        }

        public IReadOnlyList<int> With(string value) => _byValue.TryGetValue(value, out var list) ? list : [];
    }
}
