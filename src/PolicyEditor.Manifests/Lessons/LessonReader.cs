using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Goals;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Manifests.Lessons;

/// <summary>
/// Reads lesson files. Every problem names the file, the line and the field (unknown fields too, so a
/// misspelt key is caught); a lesson with any error is not returned, so the app never shows it half-broken.
/// </summary>
public static class LessonReader
{
    private static readonly string[] LessonKeys = ["title", "level", "minutes", "summary", "start", "steps"];
    private static readonly string[] StartKeys = ["sample", "policies", "manifests"];
    private static readonly string[] StepKeys = ["title", "text", "hints", "checks", "structure", "solution"];
    private static readonly string[] StructureKeys = ["maxPoliciesAdded", "noPolicySelectsNothing", "minPostureScore"];
    private static readonly string[] SolutionKeys = ["apply", "delete"];

    /// <summary>Every <c>.yaml</c> lesson of a folder, in file name order, with the problems of those that could not be read.</summary>
    public static (IReadOnlyList<Lesson> Lessons, IReadOnlyList<Diagnostic> Diagnostics) ReadDirectory(string directory)
    {
        var lessons = new List<Lesson>();
        var diagnostics = new List<Diagnostic>();
        if (!Directory.Exists(directory))
        {
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, directory, 0, 0, null, null, "there is no lessons folder here"));
            return (lessons, diagnostics);
        }

        foreach (var path in LessonFiles(directory))
        {
            var (lesson, problems) = Read(Path.GetFileNameWithoutExtension(path), path, File.ReadAllText(path));
            diagnostics.AddRange(problems);
            if (lesson is not null)
            {
                lessons.Add(lesson);
            }
        }

        return (lessons, diagnostics);
    }

    /// <summary>The lesson files of a folder (<c>.yaml</c>, <c>.yml</c>; not its subfolders), in ordinal order.</summary>
    public static IEnumerable<string> LessonFiles(string directory) =>
        Directory.EnumerateFiles(directory).Where(p => p.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal);

    /// <summary>One lesson from its text; null when it has errors (all of them are in the list).</summary>
    public static (Lesson? Lesson, IReadOnlyList<Diagnostic> Diagnostics) Read(string id, string file, string text)
    {
        var diagnostics = new List<Diagnostic>();
        List<ParsedDocument> documents = [];
        try
        {
            documents = YamlDocumentReader.Read(new ManifestSource(file, text), new LoadBudget(), diagnostics);
        }
        catch (LoadRefusedException refused)
        {
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, file, refused.Line, 1, $"Lesson/{id}", null, refused.Message));
        }

        if (diagnostics.Count > 0)
        {
            return (null, diagnostics);
        }

        var reader = new Reader(id, file, diagnostics);
        if (documents.Count != 1 || documents[0].Root is not YamlTreeMapping root)
        {
            reader.Error(documents.Count > 0 ? documents[0].Line : 1, null, "a lesson file holds one mapping (title, level, minutes, summary, start, steps)");
            return (null, diagnostics);
        }

        var lesson = reader.Lesson(root);
        return (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? null : lesson, diagnostics);
    }

    private sealed class Reader(string id, string file, List<Diagnostic> diagnostics)
    {
        public void Error(int line, string? field, string message) =>
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, file, line, 1, $"Lesson/{id}", field, message));

        public Lesson? Lesson(YamlTreeMapping root)
        {
            Known(root, LessonKeys, null);
            var title = Text(root, "title", null, required: true);
            var levelText = Text(root, "level", null, required: true);
            var level = LessonLevel.Beginner;
            if (levelText is not null && !Enum.TryParse(levelText, ignoreCase: true, out level))
            {
                Error(Find(root, "level")!.Line, "level", $"'{levelText}' should be beginner, intermediate or advanced");
            }

            var minutes = 0;
            var minutesText = Text(root, "minutes", null, required: true);
            if (minutesText is not null && (!int.TryParse(minutesText, out minutes) || minutes is < 1 or > 240))
            {
                Error(Find(root, "minutes")!.Line, "minutes", $"'{minutesText}' should be a whole number of minutes from 1 to 240");
            }

            var summary = Text(root, "summary", null, required: true) ?? string.Empty;
            var start = Start(Find(root, "start"), root.Line);
            var steps = new List<LessonStep>();
            if (Find(root, "steps") is not YamlTreeSequence stepList || stepList.Items.Count == 0)
            {
                Error(Find(root, "steps")?.Line ?? root.Line, "steps", "a lesson needs a list of one or more steps");
            }
            else
            {
                for (var i = 0; i < stepList.Items.Count; i++)
                {
                    if (Step(stepList.Items[i], i + 1) is { } step)
                    {
                        steps.Add(step);
                    }
                }
            }

            return title is null || start is null ? null : new Lesson(id, file, title, level, minutes, summary, start, steps);
        }

        private LessonStart? Start(YamlTreeNode? node, int line)
        {
            if (node is not YamlTreeMapping start)
            {
                Error(node?.Line ?? line, "start", "say where the lesson starts: 'sample: shop' and/or 'manifests: |' with the objects");
                return null;
            }

            Known(start, StartKeys, "start");
            var sample = Text(start, "sample", "start", required: false);
            var policies = Text(start, "policies", "start", required: false) ?? "keep";
            if (policies is not ("keep" or "none"))
            {
                Error(Find(start, "policies")!.Line, "start.policies", $"'{policies}' should be keep (the sample's NetworkPolicies stay) or none (they are removed)");
            }

            var manifests = Find(start, "manifests") as YamlTreeScalar;
            if (sample is null && manifests is null)
            {
                Error(start.Line, "start", "name a sample ('sample: shop') or give the manifests ('manifests: |')");
            }

            return new LessonStart(sample, policies != "none", manifests?.Value, manifests?.Line ?? 0);
        }

        private LessonStep? Step(YamlTreeNode node, int number)
        {
            var at = $"steps[{number}]";
            if (node is not YamlTreeMapping step)
            {
                Error(node.Line, at, "a step is a mapping with title, text, checks and solution");
                return null;
            }

            Known(step, StepKeys, at);
            var title = Text(step, "title", at, required: true);
            var text = Text(step, "text", at, required: true);
            var hints = new List<string>();
            if (Find(step, "hints") is { } hintNode)
            {
                if (hintNode is YamlTreeSequence hintList && hintList.Items.All(h => h is YamlTreeScalar))
                {
                    hints.AddRange(hintList.Items.Cast<YamlTreeScalar>().Select(h => h.Value));
                }
                else
                {
                    Error(hintNode.Line, $"{at}.hints", "hints are a list of texts");
                }
            }

            var checks = new List<LessonCheck>();
            if (Find(step, "checks") is not YamlTreeSequence checkList || checkList.Items.Count == 0)
            {
                Error(Find(step, "checks")?.Line ?? step.Line, $"{at}.checks", "a step's goal is a list of one or more checks, like \"shop/frontend -> shop/api TCP 8080: allowed\"");
            }
            else
            {
                for (var i = 0; i < checkList.Items.Count; i++)
                {
                    var field = $"{at}.checks[{i + 1}]";
                    if (checkList.Items[i] is not YamlTreeScalar scalar)
                    {
                        Error(checkList.Items[i].Line, field, "a check is one line of text");
                    }
                    else if (!ReachabilityCheck.TryParse(scalar.Value, out var check, out var error))
                    {
                        Error(scalar.Line, field, error!);
                    }
                    else
                    {
                        checks.Add(new LessonCheck(check!, scalar.Line));
                    }
                }
            }

            var structure = LessonStructure.None;
            if (Find(step, "structure") is { } structureNode)
            {
                structure = Structure(structureNode, $"{at}.structure");
            }

            LessonSolution? solution = null;
            if (Find(step, "solution") is not YamlTreeMapping solutionMap)
            {
                Error(Find(step, "solution")?.Line ?? step.Line, $"{at}.solution", "every step has a reference solution: 'apply: |' with NetworkPolicies and/or 'delete:' with namespace/name items");
            }
            else
            {
                Known(solutionMap, SolutionKeys, $"{at}.solution");
                var apply = Find(solutionMap, "apply") as YamlTreeScalar;
                var delete = new List<string>();
                if (Find(solutionMap, "delete") is { } deleteNode)
                {
                    if (deleteNode is YamlTreeSequence deleteList && deleteList.Items.All(d => d is YamlTreeScalar s && IsPolicyId(s.Value)))
                    {
                        delete.AddRange(deleteList.Items.Cast<YamlTreeScalar>().Select(d => d.Value));
                    }
                    else
                    {
                        Error(deleteNode.Line, $"{at}.solution.delete", "delete is a list of policies: namespace/name of NetworkPolicies, or Kind namespace/name or Kind name of other kinds (e.g. GlobalNetworkPolicy security.deny-all)");
                    }
                }

                if (apply is null && delete.Count == 0)
                {
                    Error(solutionMap.Line, $"{at}.solution", "the solution changes nothing: give 'apply: |' or 'delete:'");
                }

                solution = new LessonSolution(apply?.Value, apply?.Line ?? 0, delete);
            }

            return title is null || text is null || solution is null ? null : new LessonStep(number, title, text, hints, checks, structure, solution, step.Line);
        }

        private LessonStructure Structure(YamlTreeNode node, string at)
        {
            if (node is not YamlTreeMapping map)
            {
                Error(node.Line, at, "structure is a mapping: maxPoliciesAdded, noPolicySelectsNothing, minPostureScore");
                return LessonStructure.None;
            }

            Known(map, StructureKeys, at);
            int? max = null;
            if (Text(map, "maxPoliciesAdded", at, required: false) is { } maxText)
            {
                if (int.TryParse(maxText, out var parsed) && parsed >= 0)
                {
                    max = parsed;
                }
                else
                {
                    Error(Find(map, "maxPoliciesAdded")!.Line, $"{at}.maxPoliciesAdded", $"'{maxText}' should be a whole number, 0 or more");
                }
            }

            var nothing = false;
            if (Text(map, "noPolicySelectsNothing", at, required: false) is { } flag && !bool.TryParse(flag, out nothing))
            {
                Error(Find(map, "noPolicySelectsNothing")!.Line, $"{at}.noPolicySelectsNothing", $"'{flag}' should be true or false");
            }

            int? score = null;
            if (Text(map, "minPostureScore", at, required: false) is { } scoreText)
            {
                if (int.TryParse(scoreText, out var parsed) && parsed is >= 0 and <= 100)
                {
                    score = parsed;
                }
                else
                {
                    Error(Find(map, "minPostureScore")!.Line, $"{at}.minPostureScore", $"'{scoreText}' should be a score from 0 to 100");
                }
            }

            return new LessonStructure(max, nothing, score);
        }

        /// <summary>A policy as a solution deletes it: <c>namespace/name</c> (a NetworkPolicy), <c>Kind namespace/name</c> or <c>Kind name</c>.</summary>
        private static bool IsPolicyId(string id)
        {
            var parts = id.Split(' ');
            var name = parts[^1];
            return parts.Length switch
            {
                1 => name.Count(c => c == '/') == 1,
                2 => parts[0].Length > 0 && name.Length > 0 && name.Count(c => c == '/') <= 1,
                _ => false,
            };
        }

        private static YamlTreeNode? Find(YamlTreeMapping map, string key) => map.Entries.FirstOrDefault(e => e.Key.Value == key).Value;

        private string? Text(YamlTreeMapping map, string key, string? at, bool required)
        {
            var field = at is null ? key : $"{at}.{key}";
            switch (Find(map, key))
            {
                case YamlTreeScalar { IsNull: false } scalar when scalar.Value.Trim().Length > 0:
                    return scalar.Value;
                case null or YamlTreeScalar:
                    if (required)
                    {
                        Error(map.Line, field, $"'{key}' is required");
                    }

                    return null;
                case { } other:
                    Error(other.Line, field, $"'{key}' should be a single value, not {other.Shape}");
                    return null;
            }
        }

        private void Known(YamlTreeMapping map, string[] keys, string? at)
        {
            foreach (var (key, _) in map.Entries.Where(e => !keys.Contains(e.Key.Value, StringComparer.Ordinal)))
            {
                Error(key.Line, at is null ? key.Value : $"{at}.{key.Value}", $"unknown field '{key.Value}' (expected one of: {string.Join(", ", keys)})");
            }
        }
    }
}
