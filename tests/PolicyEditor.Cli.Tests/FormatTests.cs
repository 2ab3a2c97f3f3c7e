using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PolicyEditor.Cli.Tests;

/// <summary>
/// The output formats of list and diff: each one parses back to the same facts (source, destination,
/// connections) as the text list; svg is drawn by Graphviz, or refused with a message naming the package.
/// </summary>
public sealed partial class FormatTests
{
    /// <summary>The facts of the text list: (source, destination, connections), read back from its lines.</summary>
    private static HashSet<(string, string, string)> TextFacts(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => TextLine().Match(l)).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value))];

    private static CliResult List(params string[] more) => CliRun.Run(["list", "-f", CliRun.Shop, .. more]);

    [Fact]
    public void Csv_ParsesBackToTheFactsOfTheTextList()
    {
        var csv = List("-o", "csv");
        var rows = ParseCsv(csv.Output);

        Assert.Equal(0, csv.Code);
        Assert.Equal(["src", "dst", "conn"], rows[0]);
        Assert.Equal(TextFacts(List().Output), rows.Skip(1).Select(r => (r[0], r[1], r[2])).ToHashSet());
        Assert.Contains(rows, r => r[2] == "TCP 8080,9090"); // a connection set with a comma is quoted
    }

    [Fact]
    public void Matrix_IsAGridOfSourcesByDestinations_WithTheFactsOfTheTextList()
    {
        var matrix = List("-o", "matrix");
        var rows = ParseCsv(matrix.Output);

        Assert.Equal(0, matrix.Code);
        Assert.Equal("src \\ dst", rows[0][0]);
        var facts = rows.Skip(1).SelectMany(r => r.Skip(1).Select((cell, i) => (r[0], rows[0][i + 1], cell))).Where(f => f.cell.Length > 0).ToHashSet();
        Assert.Equal(TextFacts(List().Output), facts);
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
    }

    [Fact]
    public void Markdown_ParsesBackToTheFactsOfTheTextList()
    {
        var md = List("-o", "md");
        var lines = md.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("| src | dst | conn |", lines[0]);
        Assert.Equal("|---|---|---|", lines[1]);
        var facts = lines.Skip(2).Select(l => l.Trim('|').Split(" | ").Select(c => c.Trim()).ToArray()).Select(c => (c[0], c[1], c[2])).ToHashSet();
        Assert.Equal(TextFacts(List().Output), facts);
    }

    [Fact]
    public void Dot_ParsesBackToTheFactsOfTheTextList_WithWorkloadsGroupedByNamespace()
    {
        var dot = List("-o", "dot");
        var edges = dot.Output.Split('\n').Select(l => DotEdge().Match(l)).Where(m => m.Success)
            .Select(m => (Unquote(m.Groups[1].Value), Unquote(m.Groups[2].Value), Unquote(m.Groups[3].Value))).ToHashSet();

        Assert.StartsWith("digraph \"connectivity\" {", dot.Output, StringComparison.Ordinal);
        Assert.Equal(TextFacts(List().Output), edges);
        Assert.Contains("subgraph \"cluster_payments\" {", dot.Output, StringComparison.Ordinal);
        Assert.Contains("\"payments/payments-api[Deployment]\" [label=\"payments-api\\nDeployment\"];", dot.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_HoldsTheSameFacts()
    {
        var json = List("-o", "json");
        var facts = JsonDocument.Parse(json.Output).RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("src").GetString()!, e.GetProperty("dst").GetString()!, e.GetProperty("conn").GetString()!)).ToHashSet();

        Assert.Equal(TextFacts(List().Output), facts);
    }

    [Fact]
    public void Svg_IsDrawnByGraphviz()
    {
        var svg = List("-o", "svg");

        Assert.Equal(0, svg.Code);
        var root = XDocument.Parse(svg.Output).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        Assert.Contains(root.Descendants(), e => e.Name.LocalName == "text" && e.Value == "payments-api");
    }

    [Fact]
    public void Svg_WithoutGraphviz_NamesThePackageToInstall()
    {
        var result = CliRun.With(string.Empty, _ => null, "list", "-f", CliRun.Shop, "-o", "svg");

        Assert.Equal(1, result.Code);
        Assert.Contains("install the 'graphviz' package", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void FocusWorkload_KeepsOnlyItsConnections()
    {
        var all = TextFacts(List().Output);
        var focused = TextFacts(List("--focus-workload", "payments/payments-api").Output);

        Assert.NotEmpty(focused);
        Assert.All(focused, f => Assert.True(f.Item1 == "payments/payments-api[Deployment]" || f.Item2 == "payments/payments-api[Deployment]"));
        Assert.Equal(all.Where(f => f.Item1 == "payments/payments-api[Deployment]" || f.Item2 == "payments/payments-api[Deployment]").ToHashSet(), focused);
    }

    [Fact]
    public void FocusOnAWorkloadThatIsNotThere_SaysSo()
    {
        var result = List("--focus-workload", "shop/nothing");

        Assert.Equal(1, result.Code);
        Assert.Contains("no workload 'shop/nothing'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_AddsTheDecidingPolicyAndRuleToEachLine()
    {
        var text = List("--explain", "--focus-workload", "payments/payments-api");
        var csv = ParseCsv(List("--explain", "-o", "csv").Output);

        Assert.Contains("shop/checkout[Deployment] => payments/payments-api[Deployment] : TCP 8443 (egress: not isolated; ingress: NetworkPolicy payments/allow-checkout-to-payments-api ingress rule 1)", text.Output, StringComparison.Ordinal);
        Assert.Equal(["src", "dst", "conn", "egress", "ingress"], csv[0]);
        Assert.All(csv.Skip(1), r => Assert.False(string.IsNullOrEmpty(r[3]) || string.IsNullOrEmpty(r[4])));
    }

    [Theory]
    [InlineData("txt")]
    [InlineData("json")]
    [InlineData("csv")]
    [InlineData("md")]
    [InlineData("dot")]
    [InlineData("matrix")]
    public void Diff_InEveryFormat_NamesWhatAChangeBlocks(string format)
    {
        var dir = Directory.CreateTempSubdirectory("pe-diff-");
        try
        {
            const string pods = "apiVersion: v1\nkind: Pod\nmetadata: {name: a, labels: {app: a}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, labels: {app: b}}\n";
            File.WriteAllText(Path.Combine(dir.FullName, "before.yaml"), pods);
            File.WriteAllText(Path.Combine(dir.FullName, "after.yaml"), pods + "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec: {podSelector: {matchLabels: {app: b}}}\n");

            var result = CliRun.Run("diff", "--dir1", Path.Combine(dir.FullName, "before.yaml"), "-f", Path.Combine(dir.FullName, "after.yaml"), "-o", format, "--explain");

            Assert.Equal(0, result.Code);
            Assert.Contains("default/a[Pod]", result.Output, StringComparison.Ordinal);
            Assert.Contains("No Connections", result.Output, StringComparison.Ordinal);
            Assert.Contains("default/deny", result.Output, StringComparison.Ordinal); // the cause
        }
        finally
        {
            dir.Delete(true);
        }
    }

    /// <summary>RFC 4180: fields separated by commas, quoted when they hold commas or quotes, "" for a quote.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = new List<string>();
            var field = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == ',' && !quoted)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }

        return rows;
    }

    private static string Unquote(string text) => text.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    [GeneratedRegex(@"^(.+) => (.+) : (.+)$")]
    private static partial Regex TextLine();

    [GeneratedRegex(@"^\s*""((?:[^""\\]|\\.)*)"" -> ""((?:[^""\\]|\\.)*)"" \[label=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex DotEdge();
}
