using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Manifests.Loading;

/// <summary>
/// One instance for equal values read in one load: short scalars (label keys and values, names), label
/// selectors and container port lists. A cluster repeats them thousands of times; shared, they take memory
/// once, and the engine compares and looks them up by reference before it compares their text (equal
/// selectors then compile once at the cost of a reference check).
/// </summary>
internal sealed class LoadInterner
{
    /// <summary>Scalars longer than this (certificates, embedded files) are seldom repeated and not worth hashing.</summary>
    private const int MaxInternedLength = 128;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<LabelSelector, LabelSelector> _selectors = [];
    private readonly Dictionary<ValueArray<ContainerPort>, ValueArray<ContainerPort>> _ports = [];

    /// <summary>The instance of <paramref name="value"/> this load keeps.</summary>
    public string String(string value)
    {
        if (value.Length > MaxInternedLength)
        {
            return value;
        }

        if (_strings.TryGetValue(value, out var kept))
        {
            return kept;
        }

        _strings[value] = value;
        return value;
    }

    /// <summary>The instance of an equal selector read before, or <paramref name="selector"/>.</summary>
    public LabelSelector Selector(LabelSelector selector)
    {
        if (_selectors.TryGetValue(selector, out var kept))
        {
            return kept;
        }

        _selectors[selector] = selector;
        return selector;
    }

    /// <summary>The instance of an equal port list read before, or <paramref name="ports"/>.</summary>
    public ValueArray<ContainerPort> Ports(ValueArray<ContainerPort> ports)
    {
        if (ports.IsEmpty)
        {
            return ValueArray<ContainerPort>.Empty;
        }

        if (_ports.TryGetValue(ports, out var kept))
        {
            return kept;
        }

        _ports[ports] = ports;
        return ports;
    }
}
