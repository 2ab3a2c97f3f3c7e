using System.Text.Json;
using System.Text.Json.Serialization;
using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Cli.Lint;

/// <summary>
/// <c>lint -o sarif</c>: the problems as a SARIF 2.1.0 log, the format code-scanning services read (GitHub
/// code scanning, GitLab, Azure DevOps). Paths under the working folder are written relative to it, so a
/// pipeline that runs from the repository root gets annotations on the right files.
/// </summary>
internal static class SarifLog
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>The log of one run of <c>lint</c>.</summary>
    public static string Write(IReadOnlyList<LintItem> items, string workingFolder)
    {
        var rules = LintRules.All.Select(r => r.Id).Concat(items.Select(i => i.Rule)).Distinct(StringComparer.Ordinal).ToList();
        var log = new Dictionary<string, object>
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new[]
            {
                new
                {
                    tool = new
                    {
                        driver = new
                        {
                            name = "policyeditor",
                            informationUri = "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
                            version = typeof(SarifLog).Assembly.GetName().Version?.ToString(3),
                            rules = rules.Select(id => new
                            {
                                id,
                                shortDescription = new { text = LintRules.Describe(id) },
                            }),
                        },
                    },
                    results = items.Select(i => new
                    {
                        ruleId = i.Rule,
                        ruleIndex = rules.IndexOf(i.Rule),
                        level = Level(i.Severity),
                        message = new { text = i.Subject is null ? i.Message : $"{i.Subject}: {i.Message}" },
                        locations = i.Location is { } at ? new[]
                        {
                            new
                            {
                                physicalLocation = new
                                {
                                    artifactLocation = new { uri = Uri(at.File, workingFolder) },
                                    region = at.Line > 0 ? new { startLine = at.Line, startColumn = Math.Max(1, at.Column) } : null,
                                },
                            },
                        } : null,
                    }),
                    columnKind = "unicodeCodePoints",
                },
            },
        };
        return JsonSerializer.Serialize(log, Options);
    }

    private static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    /// <summary>A file's URI: relative with forward slashes under the working folder, else an absolute file URI.</summary>
    private static string Uri(string file, string workingFolder)
    {
        var relative = Path.IsPathRooted(file) ? Path.GetRelativePath(workingFolder, file) : file;
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return new System.Uri(Path.GetFullPath(file)).AbsoluteUri;
        }

        return string.Join('/', relative.Replace('\\', '/').Split('/').Select(System.Uri.EscapeDataString));
    }
}
