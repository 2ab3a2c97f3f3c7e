using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace PolicyEditor.Engine.Model;

/// <summary>An immutable set of Kubernetes labels (key to value), compared by content.</summary>
public sealed class LabelSet : IReadOnlyDictionary<string, string>, IEquatable<LabelSet>
{
    /// <summary>No labels.</summary>
    public static readonly LabelSet Empty = new([]);

    private readonly KeyValuePair<string, string>[] _pairs; // sorted by key, ordinal
    private readonly int _hash;

    private LabelSet(KeyValuePair<string, string>[] pairs)
    {
        _pairs = pairs;
        var h = new HashCode();
        foreach (var p in pairs)
        {
            h.Add(p.Key, StringComparer.Ordinal);
            h.Add(p.Value, StringComparer.Ordinal);
        }

        _hash = h.ToHashCode();
    }

    /// <inheritdoc />
    public int Count => _pairs.Length;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _pairs.Select(p => p.Key);

    /// <inheritdoc />
    public IEnumerable<string> Values => _pairs.Select(p => p.Value);

    /// <summary>The pairs, sorted by key (ordinal), for loops that should not allocate an enumerator.</summary>
    public ReadOnlySpan<KeyValuePair<string, string>> Pairs => _pairs;

    /// <inheritdoc />
    public string this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

    /// <summary>The labels of a dictionary or any sequence of pairs (a later duplicate key wins).</summary>
    public static LabelSet From(IEnumerable<KeyValuePair<string, string>> labels)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in labels)
        {
            map[p.Key] = p.Value;
        }

        return map.Count == 0 ? Empty : new LabelSet([.. map]);
    }

    /// <summary>Labels from <c>key=value</c> pairs, for tests and samples.</summary>
    public static LabelSet Of(params (string Key, string Value)[] labels) =>
        From(labels.Select(l => new KeyValuePair<string, string>(l.Key, l.Value)));

    /// <summary>These labels with one more (or replaced) label.</summary>
    public LabelSet With(string key, string value) => From(_pairs.Append(new KeyValuePair<string, string>(key, value)));

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var i = IndexOf(key);
        if (i >= 0)
        {
            value = _pairs[i].Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_pairs).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => _pairs.GetEnumerator();

    /// <inheritdoc />
    public bool Equals(LabelSet? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._hash != _hash || other._pairs.Length != _pairs.Length)
        {
            return false;
        }

        for (var i = 0; i < _pairs.Length; i++)
        {
            if (!string.Equals(_pairs[i].Key, other._pairs[i].Key, StringComparison.Ordinal)
                || !string.Equals(_pairs[i].Value, other._pairs[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LabelSet);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>Labels as <c>k1=v1,k2=v2</c>.</summary>
    public override string ToString() => string.Join(",", _pairs.Select(p => $"{p.Key}={p.Value}"));

    private int IndexOf(string key)
    {
        int lo = 0, hi = _pairs.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var c = string.CompareOrdinal(_pairs[mid].Key, key);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }
}
