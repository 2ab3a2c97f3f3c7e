using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Lint;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Cli.Lint;

/// <summary>
/// One problem <c>lint</c> reports, whatever found it: the loader (a manifest that is wrong), the engine
/// (an Ingress backend it cannot resolve) or the policy linter (a legal policy that is probably a mistake).
/// The rule is a stable id for filtering and for code-scanning tools.
/// </summary>
internal sealed record LintItem(string Rule, DiagnosticSeverity Severity, string Message, SourceLocation? Location, string? Subject)
{
    /// <summary>Every problem of a load and its analysis, those with a place in a file first, in file and line order.</summary>
    public static IReadOnlyList<LintItem> Gather(LoadResult loaded, ClusterEvaluator evaluator, IReadOnlyList<LintFinding> findings)
    {
        var items = new List<LintItem>();
        items.AddRange(loaded.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info).Select(d => new LintItem(
            d.Severity == DiagnosticSeverity.Error ? LintRules.ManifestError : LintRules.ManifestWarning,
            d.Severity,
            d.Field is null ? d.Message : $"{d.Field}: {d.Message}",
            new SourceLocation(d.File, d.Line, d.Column),
            d.Object)));
        items.AddRange(evaluator.Diagnostics.Select(d => new LintItem(LintRules.EngineWarning, d.Severity, d.Message, null, d.Subject)));
        var policies = evaluator.Cluster.NetworkPolicies.ToDictionary(p => p.Id, StringComparer.Ordinal);
        items.AddRange(findings.Select(f => new LintItem(
            f.Code,
            f.Severity,
            f.Rule is null ? f.Message : $"{f.Rule.Text}: {f.Message}",
            policies.TryGetValue(f.Policy, out var policy) ? loaded.LocationOf(policy) : loaded.Locations.GetValueOrDefault(OtherPolicyKey(f.Policy)),
            f.Policy.Contains(' ', StringComparison.Ordinal) ? OtherPolicyKey(f.Policy) : $"NetworkPolicy/{f.Policy}")));
        return [.. items.OrderBy(i => i.Location is null).ThenBy(i => i.Location?.File, StringComparer.Ordinal).ThenBy(i => i.Location?.Line ?? 0)];
    }

    /// <summary>Where a policy of another kind is recorded: "Kind ns/name" (a <see cref="Engine.Model.PolicyKey"/> id) as "Kind/ns/name".</summary>
    private static string OtherPolicyKey(string id) => id.Replace(' ', '/');

    /// <summary>The compiler-style line: <c>file:line:column: warning split-peer: NetworkPolicy/shop/web: message</c>.</summary>
    public override string ToString()
    {
        var where = Location is null ? string.Empty : Location.Line > 0 ? $"{Location.File}:{Location.Line}:{Location.Column}: " : $"{Location.File}: ";
        var what = Subject is null ? string.Empty : $"{Subject}: ";
        return $"{where}{Severity.ToString().ToLowerInvariant()} {Rule}: {what}{Message}";
    }
}
