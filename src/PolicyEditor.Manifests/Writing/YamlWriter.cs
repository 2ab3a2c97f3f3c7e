using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolicyEditor.Manifests.Writing;

/// <summary>
/// A thin layer over YamlDotNet's emitter for writing manifests in block style, quoting every string
/// that YAML would otherwise read as a number, a boolean or null (kubectl rejects a label value of 1.0).
/// </summary>
internal sealed partial class YamlWriter
{
    private readonly Emitter _emitter;

    public YamlWriter(TextWriter output)
    {
        _emitter = new Emitter(output, new EmitterSettings(2, int.MaxValue, false, 1024, false, false));
        _emitter.Emit(new StreamStart());
    }

    public void BeginDocument() => _emitter.Emit(new DocumentStart(null, null, true));

    public void EndDocument() => _emitter.Emit(new DocumentEnd(true));

    public void EndStream() => _emitter.Emit(new StreamEnd());

    public void BeginMap() => _emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));

    public void EndMap() => _emitter.Emit(new MappingEnd());

    public void BeginList() => _emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));

    public void EndList() => _emitter.Emit(new SequenceEnd());

    /// <summary><c>{}</c>: an empty mapping (a selector that selects everything, an allow-all rule).</summary>
    public void EmptyMap()
    {
        _emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Flow));
        _emitter.Emit(new MappingEnd());
    }

    public void Key(string key) => String(key);

    public void String(string value)
    {
        var quote = NeedsQuotes(value);
        _emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, quote ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, !quote, true));
    }

    public void Number(long value) =>
        _emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value.ToString(CultureInfo.InvariantCulture), ScalarStyle.Plain, true, false));

    /// <summary>A boolean, written as <c>true</c> or <c>false</c>.</summary>
    public void Boolean(bool value) =>
        _emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value ? "true" : "false", ScalarStyle.Plain, true, false));

    /// <summary>
    /// A resource's <c>apiVersion</c> and <c>kind</c>, then its <c>metadata</c> opened with the name and, for a namespaced
    /// resource, the namespace. The caller adds what else the metadata holds (labels) and closes it with <see cref="EndMap"/>.
    /// </summary>
    public void BeginMetadata(string apiVersion, string kind, string name, string? ns = null)
    {
        Entry("apiVersion", apiVersion);
        Entry("kind", kind);
        Key("metadata");
        BeginMap();
        Entry("name", name);
        if (ns is not null)
        {
            Entry("namespace", ns);
        }
    }

    /// <summary>A resource's <c>apiVersion</c>, <c>kind</c> and a <c>metadata</c> of name and namespace alone.</summary>
    public void Header(string apiVersion, string kind, string name, string? ns = null)
    {
        BeginMetadata(apiVersion, kind, name, ns);
        EndMap();
    }

    public void Entry(string key, string value)
    {
        Key(key);
        String(value);
    }

    public void Entry(string key, long value)
    {
        Key(key);
        Number(value);
    }

    /// <summary><c>key: [values]</c> as a block list, or nothing at all when there are no values.</summary>
    public void Strings(string key, IEnumerable<string> values)
    {
        var started = false;
        foreach (var value in values)
        {
            if (!started)
            {
                Key(key);
                BeginList();
                started = true;
            }

            String(value);
        }

        if (started)
        {
            EndList();
        }
    }

    /// <summary><c>key: {name: value}</c> as a block mapping of labels, or nothing at all when there are none.</summary>
    public void Labels(string key, IEnumerable<KeyValuePair<string, string>> labels)
    {
        var started = false;
        foreach (var (name, value) in labels)
        {
            if (!started)
            {
                Key(key);
                BeginMap();
                started = true;
            }

            Entry(name, value);
        }

        if (started)
        {
            EndMap();
        }
    }

    /// <summary>Whether a plain scalar with this text would not read back as that string.</summary>
    public static bool NeedsQuotes(string value) =>
        value.Length == 0 || NonString().IsMatch(value) || value != value.Trim();

    [GeneratedRegex(@"^(?:[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o?[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|(?i:true|false|yes|no|on|off|y|n|null)|~|[\d:]+)$")]
    private static partial Regex NonString();
}
