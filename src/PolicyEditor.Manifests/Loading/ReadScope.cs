using System.Globalization;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Manifests.Loading;

/// <summary>
/// Reading one object: where its diagnostics go, which object they name, and typed access to fields
/// that reports any field of the wrong shape at its own line.
/// </summary>
internal sealed class ReadScope(string file, string? objectRef, List<Diagnostic> sink)
{
    public string File { get; } = file;

    public string? ObjectRef { get; set; } = objectRef;

    public int ErrorCount { get; private set; }

    /// <summary>Where equal values read in this load are shared (none: every value kept as read).</summary>
    public LoadInterner? Interner { get; init; }

    public void Error(YamlTreeNode? node, string? field, string message)
    {
        ErrorCount++;
        sink.Add(new Diagnostic(DiagnosticSeverity.Error, File, node?.Line ?? 0, node?.Column ?? 0, ObjectRef, field, message));
    }

    public void Warning(YamlTreeNode? node, string? field, string message) =>
        sink.Add(new Diagnostic(DiagnosticSeverity.Warning, File, node?.Line ?? 0, node?.Column ?? 0, ObjectRef, field, message));

    public void Info(YamlTreeNode? node, string? field, string message) =>
        sink.Add(new Diagnostic(DiagnosticSeverity.Info, File, node?.Line ?? 0, node?.Column ?? 0, ObjectRef, field, message));

    /// <summary>The value of <paramref name="key"/> in a mapping, or null when absent or explicitly empty.</summary>
    public static YamlTreeNode? Get(YamlTreeNode? node, string key)
    {
        if (node is not YamlTreeMapping m)
        {
            return null;
        }

        foreach (var (k, v) in m.Entries)
        {
            if (k.Value == key)
            {
                return v is YamlTreeScalar { IsNull: true } ? null : v;
            }
        }

        return null;
    }

    /// <summary>Whether the mapping has <paramref name="key"/> at all, even with an empty value.</summary>
    public static bool Has(YamlTreeNode? node, string key) => node is YamlTreeMapping m && m.Entries.Any(e => e.Key.Value == key);

    /// <summary>The node as a mapping, or an error when it is something else.</summary>
    public YamlTreeMapping? Mapping(YamlTreeNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlTreeMapping m)
        {
            return m;
        }

        Error(node, field, $"expected a mapping (key: value lines) but found {node.Shape}.");
        return null;
    }

    /// <summary>The items of a list; an error when the node is not a list.</summary>
    public IReadOnlyList<YamlTreeNode> List(YamlTreeNode? node, string field)
    {
        if (node is null)
        {
            return [];
        }

        if (node is YamlTreeSequence s)
        {
            return s.Items;
        }

        Error(node, field, $"expected a list (lines starting with '- ') but found {node.Shape}.");
        return [];
    }

    /// <summary>
    /// The items of a list that are mappings, each with its path (<c>field[i]</c>); an error for the list when
    /// it is not one, and for each item that is not a mapping (which is left out).
    /// </summary>
    public IEnumerable<(YamlTreeMapping Item, string Path)> Mappings(YamlTreeNode? node, string field)
    {
        var items = List(node, field);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{field}[{i}]";
            if (Mapping(items[i], path) is { } item)
            {
                yield return (item, path);
            }
        }
    }

    /// <summary>A text value; an error when the node is a mapping or list.</summary>
    public string? String(YamlTreeNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlTreeScalar s)
        {
            return s.Value;
        }

        Error(node, field, $"expected a single value but found {node.Shape}.");
        return null;
    }

    /// <summary>An integer value; an error when the node is not a whole number.</summary>
    public long? Integer(YamlTreeNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlTreeScalar { Quoted: false } s && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        Error(node, field, $"expected a whole number but found {Show(node)}.");
        return null;
    }

    /// <summary>A port written as a number or a name (IntOrString); null when absent.</summary>
    public (long? Number, string? Name, YamlTreeNode Node)? IntOrString(YamlTreeNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not YamlTreeScalar s)
        {
            Error(node, field, $"expected a port number or name but found {node.Shape}.");
            return null;
        }

        if (!s.Quoted && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return (n, null, node);
        }

        return (null, s.Value, node);
    }

    /// <summary>A map of strings to strings (labels, matchLabels, a Service selector).</summary>
    public LabelSet StringMap(YamlTreeNode? node, string field)
    {
        var mapping = Mapping(node, field);
        if (mapping is null)
        {
            return LabelSet.Empty;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in mapping.Entries)
        {
            if (value is YamlTreeScalar s)
            {
                pairs.Add(new(key.Value, s.IsNull ? string.Empty : s.Value));
            }
            else
            {
                Error(value, $"{field}.{key.Value}", $"a label value must be a single text value but found {value.Shape}.");
            }
        }

        return LabelSet.From(pairs);
    }

    /// <summary>Warns about keys the object's schema does not have (a typo like 'form' silently changes what a rule means).</summary>
    public void CheckFields(YamlTreeNode? node, string field, params string[] known)
    {
        if (node is not YamlTreeMapping m)
        {
            return;
        }

        foreach (var (key, _) in m.Entries)
        {
            if (known.Contains(key.Value, StringComparer.Ordinal))
            {
                continue;
            }

            var path = field.Length == 0 ? key.Value : $"{field}.{key.Value}";
            var close = known.FirstOrDefault(k => string.Equals(k, key.Value, StringComparison.OrdinalIgnoreCase) || EditDistance(k, key.Value) <= 2);
            var hint = close is null ? $"expected one of: {string.Join(", ", known)}" : $"did you mean '{close}'?";
            Warning(key, path, $"unknown field '{key.Value}' is ignored by Kubernetes; {hint}");
        }
    }

    /// <summary>A scalar as shown in a message.</summary>
    public static string Show(YamlTreeNode node) => node is YamlTreeScalar s ? $"'{s.Value}'" : node.Shape;

    private static int EditDistance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return 3;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            }
        }

        return d[a.Length, b.Length];
    }
}
