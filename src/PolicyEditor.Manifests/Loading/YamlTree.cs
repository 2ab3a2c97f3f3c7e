using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolicyEditor.Manifests.Loading;

/// <summary>A YAML node with its position: a mapping, a sequence or a scalar.</summary>
internal abstract class YamlTreeNode
{
    protected YamlTreeNode(int line, int column)
    {
        Line = line;
        Column = column;
    }

    /// <summary>Line of the node's start, from 1.</summary>
    public int Line { get; }

    /// <summary>Column of the node's start, from 1.</summary>
    public int Column { get; }

    /// <summary>How many nodes the subtree holds once aliases are expanded (guards against alias bombs).</summary>
    public long ExpandedSize { get; protected set; } = 1;

    /// <summary>A word for the node's shape, for messages.</summary>
    public abstract string Shape { get; }
}

/// <summary>A mapping, keys in the order written.</summary>
internal sealed class YamlTreeMapping(int line, int column) : YamlTreeNode(line, column)
{
    public List<(YamlTreeScalar Key, YamlTreeNode Value)> Entries { get; } = [];

    public override string Shape => "a mapping";

    public void Add(YamlTreeScalar key, YamlTreeNode value)
    {
        Entries.Add((key, value));
        ExpandedSize += value.ExpandedSize + 1;
    }
}

/// <summary>A sequence.</summary>
internal sealed class YamlTreeSequence(int line, int column) : YamlTreeNode(line, column)
{
    public List<YamlTreeNode> Items { get; } = [];

    public override string Shape => "a list";

    public void Add(YamlTreeNode item)
    {
        Items.Add(item);
        ExpandedSize += item.ExpandedSize;
    }
}

/// <summary>A scalar: its text and whether it was quoted (a quoted "80" is a string, not a number).</summary>
internal sealed class YamlTreeScalar(int line, int column, string value, bool quoted) : YamlTreeNode(line, column)
{
    public string Value { get; } = value;

    public bool Quoted { get; } = quoted;

    /// <summary>True for a plain null: nothing, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => !Quoted && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Shape => IsNull ? "empty" : "a single value";
}

/// <summary>Builds position-carrying trees from YamlDotNet's parser events, enforcing the depth and size limits.</summary>
internal static class YamlTreeBuilder
{
    /// <summary>
    /// Reads one document's root node from the parser, positioned just after DocumentStart, and counts its
    /// nodes against the request's budget (the whole input is refused when the total passes its limit).
    /// </summary>
    public static YamlTreeNode? ReadDocument(YamlDotNet.Core.IParser parser, int lineOffset, LoadBudget budget, string file, LoadInterner? interner = null)
    {
        var reading = new Reading(parser, lineOffset, budget, file, interner);
        YamlTreeNode? root = null;
        if (!parser.Accept<DocumentEnd>(out _))
        {
            root = ReadNode(reading, 0);
        }

        parser.Consume<DocumentEnd>();
        if (root is not null)
        {
            budget.TakeNodes(file, root.Line, root.ExpandedSize);
        }

        return root;
    }

    private static YamlTreeNode ReadNode(Reading reading, int depth)
    {
        var (parser, anchors, lineOffset, options) = (reading.Parser, reading.Anchors, reading.LineOffset, reading.Budget.Options);
        if (depth > options.MaxDepth)
        {
            var mark = parser.Current!.Start;
            throw new YamlLimitException($"the document nests deeper than {options.MaxDepth} levels (the limit set by {options.Names.Depth})", (int)mark.Line + lineOffset, (int)mark.Column, mark.Index);
        }

        var ev = parser.Current ?? throw new InvalidOperationException("The parser has no current event.");
        var line = (int)ev.Start.Line + lineOffset;
        var column = (int)ev.Start.Column;
        reading.Budget.Tick(reading.File, line);
        YamlTreeNode node;
        switch (ev)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                if (!anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw new YamlLimitException($"alias *{alias.Value.Value} refers to no anchor", line, column, ev.Start.Index);
                }

                return target;
            case Scalar scalar:
                parser.MoveNext();
                node = new YamlTreeScalar(line, column, reading.Interner?.String(scalar.Value) ?? scalar.Value, scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted);
                Remember(scalar.Anchor, node, anchors);
                return node;
            case SequenceStart seq:
                {
                    parser.MoveNext();
                    var sequence = new YamlTreeSequence(line, column);
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        sequence.Add(ReadNode(reading, depth + 1));
                        CheckSize(sequence, reading);
                    }

                    // Only once complete: an alias inside its own anchor would make the tree a cycle.
                    Remember(seq.Anchor, sequence, anchors);
                    return sequence;
                }

            case MappingStart map:
                {
                    parser.MoveNext();
                    var mapping = new YamlTreeMapping(line, column);
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        var keyNode = ReadNode(reading, depth + 1);
                        var value = ReadNode(reading, depth + 1);
                        if (keyNode is YamlTreeScalar key && key.Value == "<<" && !key.Quoted)
                        {
                            // A merge key: copy the merged mapping's entries.
                            foreach (var merged in value is YamlTreeSequence s ? s.Items : [value])
                            {
                                if (merged is YamlTreeMapping m)
                                {
                                    foreach (var (k, v) in m.Entries)
                                    {
                                        mapping.Add(k, v);
                                    }
                                }
                            }
                        }
                        else
                        {
                            var keyScalar = keyNode as YamlTreeScalar ?? new YamlTreeScalar(keyNode.Line, keyNode.Column, "(complex key)", true);
                            mapping.Add(keyScalar, value);
                        }

                        CheckSize(mapping, reading);
                    }

                    Remember(map.Anchor, mapping, anchors);
                    return mapping;
                }

            default:
                throw new YamlLimitException($"unexpected YAML event {ev.GetType().Name}", line, column, ev.Start.Index);
        }
    }

    private static void Remember(YamlDotNet.Core.AnchorName anchor, YamlTreeNode node, Dictionary<string, YamlTreeNode> anchors)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    /// <summary>A growing node passed the document's limit (the document is skipped) or the request's (the input is refused).</summary>
    private static void CheckSize(YamlTreeNode node, Reading reading)
    {
        var options = reading.Budget.Options;
        if (node.ExpandedSize > options.MaxNodesPerDocument)
        {
            throw new YamlLimitException(
                $"the document expands to more than {options.MaxNodesPerDocument:N0} nodes (aliases repeating anchors, a so-called alias bomb?), the limit set by {options.Names.NodesPerDocument}",
                node.Line, node.Column, reading.Parser.Current?.Start.Index ?? 0);
        }

        reading.Budget.CheckNodes(reading.File, node.Line, node.ExpandedSize);
    }

    /// <summary>The state of reading one document.</summary>
    private sealed record Reading(YamlDotNet.Core.IParser Parser, int LineOffset, LoadBudget Budget, string File, LoadInterner? Interner)
    {
        public Dictionary<string, YamlTreeNode> Anchors { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>
/// A document broke one of its own limits (<see cref="LoadOptions.MaxDepth"/>, <see cref="LoadOptions.MaxNodesPerDocument"/>),
/// or is malformed in a way the parser let through. <see cref="Index"/> is where, in characters from the start of what the parser read.
/// </summary>
internal sealed class YamlLimitException(string message, int line, int column, long index) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    public long Index { get; } = index;
}
