using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Goals;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Manifests.Goals;

/// <summary>
/// Reads a goals file (format: <c>docs/goals.md</c>): reachability requirements that a policy repository's
/// CI checks on every change. Each goal is written as one line in the lessons' check syntax
/// (<c>check: "shop/frontend -&gt; shop/catalog TCP 8080: allowed"</c>) or in fields (<c>from</c>, <c>to</c>,
/// <c>connections</c>, <c>expect</c>, <c>except</c>), which need no quoting. Every problem names the file,
/// the line and the field; a file with any error yields no goals.
/// </summary>
public static class GoalsReader
{
    private static readonly string[] FileKeys = ["goals"];
    private static readonly string[] GoalKeys = ["name", "check", "from", "to", "connections", "expect", "except"];

    /// <summary>The goals of a file's text, or none with every problem.</summary>
    public static (IReadOnlyList<Goal> Goals, IReadOnlyList<Diagnostic> Diagnostics) Read(string file, string text)
    {
        var diagnostics = new List<Diagnostic>();
        var documents = YamlDocumentReader.Read(new ManifestSource(file, text), new LoadBudget(LoadOptions.Default), diagnostics);
        if (diagnostics.Count > 0)
        {
            return ([], diagnostics);
        }

        void Error(int line, string? field, string message) => diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, file, line, 1, null, field, message));
        var items = documents.Count == 1 ? documents[0].Root switch
        {
            YamlTreeSequence list => list,
            YamlTreeMapping map when Unknown(map, FileKeys, null, Error) && ReadScope.Get(map, "goals") is YamlTreeSequence list => list,
            _ => null,
        } : null;
        if (items is null || items.Items.Count == 0)
        {
            Error(documents.Count > 0 ? documents[0].Line : 1, "goals", "a goals file holds 'goals:' with a list of one or more goals (see docs/goals.md)");
            return ([], diagnostics);
        }

        var goals = new List<Goal>();
        for (var i = 0; i < items.Items.Count; i++)
        {
            if (ReadGoal(items.Items[i], $"goals[{i + 1}]", Error) is { } goal)
            {
                goals.Add(goal);
            }
        }

        return (diagnostics.Count > 0 ? [] : goals, diagnostics);
    }

    private static Goal? ReadGoal(YamlTreeNode node, string at, Action<int, string?, string> error)
    {
        if (node is YamlTreeScalar line)
        {
            return Parse(line.Value, line.Value, line.Line, at, error);
        }

        if (node is not YamlTreeMapping goal)
        {
            error(node.Line, at, "a goal is one line (\"SOURCE -> DESTINATION: allowed\") or a mapping with check, or from, to and expect");
            return null;
        }

        Unknown(goal, GoalKeys, at, error);
        string? Text(string key)
        {
            var value = ReadScope.Get(goal, key);
            if (value is null or YamlTreeScalar)
            {
                return (value as YamlTreeScalar)?.Value.Trim() is { Length: > 0 } text ? text : null;
            }

            error(value.Line, $"{at}.{key}", $"'{key}' should be a single value, not {value.Shape}");
            return null;
        }

        var name = Text("name");
        if (Text("check") is { } check)
        {
            if (new[] { "from", "to", "connections", "expect", "except" }.FirstOrDefault(k => ReadScope.Has(goal, k)) is { } both)
            {
                error(goal.Line, $"{at}.{both}", "write a goal either as 'check' or with from, to and expect, not both");
                return null;
            }

            return Parse(check, name ?? check, goal.Line, at, error);
        }

        var (from, to, expect) = (Text("from"), Text("to"), Text("expect"));
        foreach (var (key, value) in new[] { ("from", from), ("to", to), ("expect", expect) })
        {
            if (value is null)
            {
                error(goal.Line, $"{at}.{key}", $"'{key}' is required (or write the goal as one 'check' line)");
                return null;
            }
        }

        var connections = Text("connections");
        var except = Text("except");
        string composed;
        switch (expect)
        {
            case "allowed" or "denied":
                composed = $"{from} -> {to}{(connections is null ? string.Empty : " " + connections)}: {expect}{(except is null ? string.Empty : " except " + except)}";
                break;
            case "exactly" when connections is not null:
                composed = $"{from} -> {to}: exactly {connections}";
                break;
            case "exactly":
                error(goal.Line, $"{at}.connections", "'expect: exactly' needs the connections, for example 'connections: TCP 8080'");
                return null;
            default:
                error(ReadScope.Get(goal, "expect")!.Line, $"{at}.expect", $"'{expect}' should be allowed, denied or exactly");
                return null;
        }

        return Parse(composed, name ?? composed, goal.Line, at, error);
    }

    private static Goal? Parse(string text, string name, int line, string at, Action<int, string?, string> error)
    {
        if (!ReachabilityCheck.TryParse(text, out var check, out var message))
        {
            error(line, at, message!);
            return null;
        }

        return new Goal(name, check!, line);
    }

    private static bool Unknown(YamlTreeMapping map, string[] keys, string? at, Action<int, string?, string> error)
    {
        foreach (var (key, _) in map.Entries.Where(e => !keys.Contains(e.Key.Value, StringComparer.Ordinal)))
        {
            error(key.Line, at is null ? key.Value : $"{at}.{key.Value}", $"unknown field '{key.Value}' (expected one of: {string.Join(", ", keys)})");
        }

        return true;
    }
}
