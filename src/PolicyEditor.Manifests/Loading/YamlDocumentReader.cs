using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolicyEditor.Manifests.Loading;

/// <summary>A document of a YAML or JSON stream: its root node and the line it starts on.</summary>
internal sealed record ParsedDocument(YamlTreeNode Root, int Line);

/// <summary>
/// Splits a stream into documents and parses each. A malformed document is reported with its line
/// and column, and reading resumes at the next <c>---</c>, so one bad document never hides the others.
/// Resuming reads on from an offset in the same text (never a copy of the rest), so a stream of many
/// bad documents costs time in proportion to its length.
/// </summary>
internal static class YamlDocumentReader
{
    public static List<ParsedDocument> Read(ManifestSource source, LoadBudget budget, List<Diagnostic> diagnostics, LoadInterner? interner = null)
    {
        var text = source.Text;
        var documents = new List<ParsedDocument>();
        var offset = 0; // index of the first character still to parse
        var lineOffset = 0; // lines before it
        while (offset < text.Length)
        {
            long failedAt; // index, from offset, where parsing failed
            Parser? parser = null;
            try
            {
                parser = new Parser(new TextFromOffset(text, offset));
                parser.Consume<StreamStart>();
                while (parser.TryConsume<DocumentStart>(out var start))
                {
                    var line = (int)start.Start.Line + lineOffset;
                    budget.TakeDocument(source.Name, line);
                    var root = YamlTreeBuilder.ReadDocument(parser, lineOffset, budget, source.Name, interner);
                    if (root is not null && !(root is YamlTreeScalar { IsNull: true }))
                    {
                        documents.Add(new ParsedDocument(root, line));
                    }
                }

                return documents;
            }
            catch (YamlLimitException e)
            {
                diagnostics.Add(new Diagnostic(Engine.Evaluation.DiagnosticSeverity.Error, source.Name, e.Line, e.Column, null, null,
                    $"This document was not loaded: {e.Message}."));
                failedAt = e.Index;
            }
            catch (YamlException e)
            {
                diagnostics.Add(new Diagnostic(Engine.Evaluation.DiagnosticSeverity.Error, source.Name, (int)e.Start.Line + lineOffset, (int)e.Start.Column, null, null,
                    $"This is not valid YAML, so the document was not loaded: {Describe(e)}"));
                failedAt = e.Start.Index;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or IndexOutOfRangeException)
            {
                // The parser gave up without a position of its own: report where it last stood.
                var mark = parser?.Current?.End;
                diagnostics.Add(new Diagnostic(Engine.Evaluation.DiagnosticSeverity.Error, source.Name, (int)(mark?.Line ?? 1) + lineOffset, (int)(mark?.Column ?? 1), null, null,
                    "This is not valid YAML (an unclosed bracket, brace or quote?), so the document was not loaded."));
                failedAt = mark?.Index ?? 0;
            }

            // Resume at the next document separator on a line after the failure.
            var next = NextSeparator(text, offset + (int)Math.Clamp(failedAt, 0, text.Length - offset));
            if (next < 0)
            {
                break;
            }

            lineOffset += text.AsSpan(offset, next - offset).Count('\n');
            offset = next;
        }

        return documents;
    }

    /// <summary>The index of the first line after the one holding <paramref name="index"/> that starts with <c>---</c>, or -1.</summary>
    private static int NextSeparator(string text, int index)
    {
        var lineEnd = text.IndexOf('\n', index);
        while (lineEnd >= 0)
        {
            var lineStart = lineEnd + 1;
            if (text.AsSpan(lineStart).StartsWith("---", StringComparison.Ordinal))
            {
                return lineStart;
            }

            lineEnd = text.IndexOf('\n', lineStart);
        }

        return -1;
    }

    private static string Describe(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        // YamlDotNet prefixes messages with the position, which the diagnostic already carries.
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line", StringComparison.Ordinal) && close > 0)
        {
            message = message[(close + 3)..];
        }

        return message.TrimEnd('.') + ".";
    }
}

/// <summary>Reads a string from an offset on, without copying it (the parser resumes after a bad document this way).</summary>
internal sealed class TextFromOffset(string text, int offset) : TextReader
{
    private int _position = offset;

    public override int Peek() => _position < text.Length ? text[_position] : -1;

    public override int Read() => _position < text.Length ? text[_position++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var n = Math.Min(buffer.Length, text.Length - _position);
        text.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }
}
