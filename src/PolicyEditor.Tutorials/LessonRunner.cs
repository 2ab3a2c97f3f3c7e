using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Goals;
using PolicyEditor.Engine.Lint;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Posture;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Lessons;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Tutorials;

/// <summary>
/// Builds a lesson's clusters and evaluates its goals with the engine: the start (a sample from the
/// samples folder plus the lesson's manifests), each step's reference start (the start with the
/// solutions of the steps before applied), a step's checks on any cluster, and the author's check that
/// every step's goal fails at its start and holds after its solution.
/// </summary>
public sealed class LessonRunner(string samplesDirectory)
{
    /// <summary>Where bundled samples are (one folder per sample, named by its key).</summary>
    public string SamplesDirectory { get; } = samplesDirectory;

    /// <summary>The lesson's starting cluster, or null with the problems (in the lesson's file and line where they come from it).</summary>
    public Cluster? Start(Lesson lesson, List<Diagnostic> diagnostics)
    {
        var sources = new List<ManifestSource>();
        if (lesson.Start.Sample is { } sample)
        {
            var directory = Path.Combine(SamplesDirectory, sample);
            if (sample.Contains("..", StringComparison.Ordinal) || !Directory.Exists(directory))
            {
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, lesson.File, 0, 0, $"Lesson/{lesson.Id}", "start.sample", $"there is no sample '{sample}' in {SamplesDirectory}"));
                return null;
            }

            sources.AddRange(ManifestLoader.FilesIn(directory)
                .Select(p => new ManifestSource($"{sample}/{Path.GetRelativePath(directory, p).Replace('\\', '/')}", File.ReadAllText(p))));
        }

        var own = $"{lesson.File} (start.manifests)";
        if (lesson.Start.Manifests is { } manifests)
        {
            sources.Add(new ManifestSource(own, manifests));
        }

        var result = ManifestLoader.Load(sources);
        if (Report(result, own, lesson.File, lesson.Start.ManifestsLine, $"Lesson/{lesson.Id}", "start.manifests", diagnostics))
        {
            return null;
        }

        if (lesson.Start.KeepPolicies)
        {
            return result.Cluster;
        }

        // Only the sample's policies go; the lesson's own manifests stay as written.
        return result.Cluster.WithNetworkPolicies(result.Cluster.NetworkPolicies.Where(p => result.LocationOf(p)?.File == own));
    }

    /// <summary>The changes a step's reference solution makes to <paramref name="current"/>, or null with the problems.</summary>
    public static IReadOnlyList<PolicyChange>? Solution(Lesson lesson, LessonStep step, Cluster current, List<Diagnostic> diagnostics)
    {
        var field = $"steps[{step.Number}].solution";
        var changes = new List<PolicyChange>();
        var failed = false;
        if (step.Solution.Apply is { } yaml)
        {
            var name = $"{lesson.File} ({field}.apply)";
            var result = ManifestLoader.LoadText(yaml, name);
            failed |= Report(result, name, lesson.File, step.Solution.ApplyLine, $"Lesson/{lesson.Id}", $"{field}.apply", diagnostics);
            // Policies of any dialect (NetworkPolicies, admin policies, Calico's kinds, ...) go through the same edit path as the app's.
            var policies = result.Cluster.Policies.ToList();
            var policyKinds = policies.Select(p => p.Kind).ToHashSet(StringComparer.Ordinal);
            var others = result.LoadedKinds.Keys.Where(k => !policyKinds.Contains(k)).ToList();
            if (others.Count > 0 || policies.Count == 0)
            {
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, lesson.File, step.Solution.ApplyLine, 1, $"Lesson/{lesson.Id}", $"{field}.apply",
                    others.Count > 0 ? $"a solution applies policies only (NetworkPolicies or another dialect's), not {string.Join(", ", others)}" : "apply holds no policy"));
                failed = true;
            }

            changes.AddRange(policies.Select(PolicyChange.Upsert));
        }

        foreach (var id in step.Solution.Delete)
        {
            var existing = FindPolicy(current, id);
            if (existing is null)
            {
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, lesson.File, step.Line, 1, $"Lesson/{lesson.Id}", $"{field}.delete",
                    $"there is no {(id.Contains(' ', StringComparison.Ordinal) ? "policy" : "NetworkPolicy")} {id} at the start of step {step.Number} to delete"));
                failed = true;
                continue;
            }

            changes.Add(PolicyChange.Delete(existing));
        }

        return failed ? null : changes;
    }

    /// <summary>A policy named as a solution deletes it: <c>namespace/name</c> (a NetworkPolicy), or <c>Kind namespace/name</c> or <c>Kind name</c> as reports name other kinds.</summary>
    private static IPolicyResource? FindPolicy(Cluster cluster, string id)
    {
        var space = id.IndexOf(' ', StringComparison.Ordinal);
        var kind = space < 0 ? nameof(NetworkPolicy) : id[..space];
        var rest = id[(space + 1)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return cluster.FindPolicy(slash < 0 ? new PolicyKey(kind, null, rest) : new PolicyKey(kind, rest[..slash], rest[(slash + 1)..]));
    }

    /// <summary>The reference start of a step (index from 0): the lesson's start with the solutions of the steps before it applied.</summary>
    public Cluster? StepStart(Lesson lesson, int index, List<Diagnostic> diagnostics)
    {
        var cluster = Start(lesson, diagnostics);
        for (var i = 0; i < index && cluster is not null; i++)
        {
            var changes = Solution(lesson, lesson.Steps[i], cluster, diagnostics);
            cluster = changes is null ? null : changes.Aggregate(cluster, (c, change) => c.Apply(change));
        }

        return cluster;
    }

    /// <summary>
    /// A step's checklist on a cluster: each reachability check with the engine's verdict (and, when it
    /// fails, the explanation of the deciding connection), then the structural checks, judged against the
    /// step's reference start.
    /// </summary>
    public static IReadOnlyList<LessonCheckResult> Evaluate(LessonStep step, ClusterEvaluator current, Cluster stepStart)
    {
        var results = step.Checks.Select(c => GoalChecker.Check(current, c.Check))
            .Select(r => new LessonCheckResult(r.Check.Text, r.Passed, r.Message, r.Explanation)).ToList();
        var cluster = current.Cluster;
        if (step.Structure.MaxPoliciesAdded is { } max)
        {
            var added = cluster.Policies.Where(p => stepStart.FindPolicy(p.Key) is null).Select(p => p.Key.Id).ToList();
            results.Add(new LessonCheckResult($"at most {max} polic{(max == 1 ? "y" : "ies")} added", added.Count <= max,
                added.Count <= max ? $"{added.Count} added" : $"{added.Count} added: {string.Join(", ", added)}", null));
        }

        if (step.Structure.NoPolicySelectsNothing)
        {
            var empty = cluster.NetworkPolicies.Where(p => !cluster.Workloads.Any(w => w.Namespace == p.Namespace && p.PodSelector.Matches(w.Labels))).Select(p => p.Id).ToList();
            results.Add(new LessonCheckResult("no NetworkPolicy selects nothing", empty.Count == 0,
                empty.Count == 0 ? "every policy selects a workload" : $"{string.Join(", ", empty)} select{(empty.Count == 1 ? "s" : string.Empty)} no workload: check the podSelector's labels", null));
        }

        if (step.Structure.MinPostureScore is { } min)
        {
            var matrix = ReachabilityMatrix.Build(current);
            var posture = PostureAnalyzer.Analyze(matrix, PolicyLinter.Lint(matrix));
            var why = posture.Score >= min || posture.Reasons.Count == 0 ? string.Empty : $": {posture.Reasons[0].Message}";
            results.Add(new LessonCheckResult($"posture score at least {min}", posture.Score >= min, $"the score is {posture.Score}{why}", null));
        }

        return results;
    }

    /// <summary>
    /// The author's check of a lesson: it starts; every check names workloads that exist; every step's
    /// goal fails at the step's start and holds after its reference solution. Empty when the lesson is sound.
    /// </summary>
    public IReadOnlyList<Diagnostic> Check(Lesson lesson)
    {
        var diagnostics = new List<Diagnostic>();
        var cluster = Start(lesson, diagnostics);
        if (cluster is null)
        {
            return diagnostics;
        }

        foreach (var step in lesson.Steps)
        {
            var at = $"steps[{step.Number}]";
            void Error(int line, string field, string message) =>
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, lesson.File, line, 1, $"Lesson/{lesson.Id}", field, message));

            var missing = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < step.Checks.Count; i++)
            {
                var check = step.Checks[i];
                foreach (var pattern in check.Check.Sources.Concat(check.Check.Destinations).Concat(check.Check.Except)
                    .Where(p => p.Kind is PeerPatternKind.Workload or PeerPatternKind.Namespace or PeerPatternKind.Label))
                {
                    var named = pattern.Workloads(cluster).ToList();
                    if (named.Count == 0)
                    {
                        Error(check.Line, $"{at}.checks[{i + 1}]", $"'{pattern}' names no workload of the cluster at the start of step {step.Number}");
                        missing.Add(check.Check.Text);
                    }
                    else if (pattern.Kind == PeerPatternKind.Workload && pattern.Namespace is null && named.Select(w => w.Namespace).Distinct().Count() > 1)
                    {
                        Error(check.Line, $"{at}.checks[{i + 1}]", $"'{pattern}' is in several namespaces ({string.Join(", ", named.Select(w => w.Namespace).Distinct())}); write namespace/name");
                        missing.Add(check.Check.Text);
                    }
                }
            }

            var before = Evaluate(step, new ClusterEvaluator(cluster), cluster);
            if (missing.Count == 0 && before.All(r => r.Passed))
            {
                Error(step.Line, at, $"the goal of step {step.Number} already holds at its start, so the step asks nothing of the learner");
            }

            var changes = Solution(lesson, step, cluster, diagnostics);
            if (changes is null)
            {
                return diagnostics;
            }

            var after = changes.Aggregate(cluster, (c, change) => c.Apply(change));
            foreach (var failed in Evaluate(step, new ClusterEvaluator(after), cluster).Where(r => !r.Passed && !missing.Contains(r.Text)))
            {
                var line = step.Checks.FirstOrDefault(c => c.Check.Text == failed.Text)?.Line ?? step.Line;
                Error(line, $"{at}.solution", $"the reference solution does not reach the goal: {failed.Text}: {failed.Message}");
            }

            cluster = after;
        }

        return diagnostics;
    }

    /// <summary>Copies a load's problems into the lesson's terms (its file, lines counted from the block's start); true when any is an error.</summary>
    private static bool Report(LoadResult result, string source, string file, int lineOffset, string obj, string field, List<Diagnostic> diagnostics)
    {
        var errors = false;
        foreach (var d in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            errors = true;
            diagnostics.Add(d.File == source
                ? d with { File = file, Line = d.Line + lineOffset, Object = d.Object ?? obj, Field = d.Field is null ? field : $"{field}: {d.Field}" }
                : d);
        }

        return errors;
    }
}
