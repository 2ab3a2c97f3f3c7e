using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolicyEditor.Manifests.Loading;

/// <summary>A document of a YAML or JSON stream: its root node and the line it starts on.</summary>
internal sealed record ParsedDocument(YamlTreeNode Root, int Line);

/// <summary>
/// Splits a stream into documents and parses each. A malformed document is reported with its line
/// and column, and reading resumes at the next <c>---</c>, so one bad document never hides the others.
/// </summary>
internal static class YamlDocumentReader
{
    public static List<ParsedDocument> Read(ManifestSource source, LoadOptions options, List<Diagnostic> diagnostics)
    {
        var documents = new List<ParsedDocument>();
        var lines = source.Text.Split('\n');
        var startLine = 0; // 0-based index of the first line still to parse
        while (startLine < lines.Length)
        {
            var text = startLine == 0 ? source.Text : string.Join('\n', lines, startLine, lines.Length - startLine);
            int failedAt;
            Parser? parser = null;
            try
            {
                parser = new Parser(new StringReader(text));
                parser.Consume<StreamStart>();
                while (parser.TryConsume<DocumentStart>(out var start))
                {
                    var root = YamlTreeBuilder.ReadDocument(parser, startLine, options);
                    if (root is not null && !(root is YamlTreeScalar { IsNull: true }))
                    {
                        documents.Add(new ParsedDocument(root, (int)start.Start.Line + startLine));
                    }
                }

                return documents;
            }
            catch (YamlLimitException e)
            {
                diagnostics.Add(new Diagnostic(Engine.Evaluation.DiagnosticSeverity.Error, source.Name, e.Line, e.Column, null, null,
                    $"This document was not loaded: {e.Message}."));
                failedAt = e.Line;
            }
            catch (YamlException e)
            {
                var line = (int)e.Start.Line + startLine;
                diagnostics.Add(new Diagnostic(Engine.Evaluation.DiagnosticSeverity.Error, source.Name, line, (int)e.Start.Column, null, null,
                    $"This is not valid YAML, so the document was not loaded: {Describe(e)}"));
                failedAt = line;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or IndexOutOfRangeException)
            {
                // The parser gave up without a position of its own: report where it last stood.
                var mark = parser?.Current?.End;
                var line = (int)(mark?.Line ?? 1) + startLine;
                diagnostics.Add(new Diagnostic(Engine.Evaluation.DiagnosticSeverity.Error, source.Name, line, (int)(mark?.Column ?? 1), null, null,
                    "This is not valid YAML (an unclosed bracket, brace or quote?), so the document was not loaded."));
                failedAt = line;
            }

            // Resume at the next document separator after the failure.
            var next = -1;
            for (var i = Math.Max(failedAt, startLine + 1); i < lines.Length; i++)
            {
                if (lines[i].StartsWith("---", StringComparison.Ordinal))
                {
                    next = i;
                    break;
                }
            }

            if (next < 0)
            {
                break;
            }

            startLine = next;
        }

        return documents;
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
