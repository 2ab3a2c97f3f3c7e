using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// Connection sets by small non-negative keys (peer units, external blocks), reused row after row: a dense
/// array and the keys set in it, cleared by those keys alone. A matrix builds thousands of rows, each naming a
/// few units; a dictionary per row was most of what the rows allocated.
/// </summary>
internal sealed class SparseValues
{
    private readonly List<int> _keys = [];
    private ConnectionSet?[] _values = new ConnectionSet?[64];

    /// <summary>How many keys have a value.</summary>
    public int Count => _keys.Count;

    /// <summary>The keys with a value, in the order they were first set.</summary>
    public List<int> Keys => _keys;

    /// <summary>The value of <paramref name="key"/>, null when it has none.</summary>
    public ConnectionSet? this[int key] => key < _values.Length ? _values[key] : null;

    /// <summary>Sets the value of <paramref name="key"/>.</summary>
    public void Set(int key, ConnectionSet value)
    {
        if (key >= _values.Length)
        {
            Array.Resize(ref _values, Math.Max(key + 1, _values.Length * 2));
        }

        if (_values[key] is null)
        {
            _keys.Add(key);
        }

        _values[key] = value;
    }

    /// <summary>The keys (ascending) and their values, as new arrays.</summary>
    public (int[] Keys, ConnectionSet[] Values) ToSorted()
    {
        if (_keys.Count == 0)
        {
            return ([], []);
        }

        var keys = _keys.ToArray();
        var values = new ConnectionSet[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            values[i] = _values[keys[i]]!;
        }

        Array.Sort(keys, values);
        return (keys, values);
    }

    /// <summary>Removes every value.</summary>
    public void Clear()
    {
        foreach (var key in _keys)
        {
            _values[key] = null;
        }

        _keys.Clear();
    }
}
