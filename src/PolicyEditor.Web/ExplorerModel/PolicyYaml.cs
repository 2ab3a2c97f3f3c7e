using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Manifests.Writing;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>The YAML pane's text: the draft's policies written out, and edited text read back into a workspace command.</summary>
public static class PolicyYaml
{
    /// <summary>The name diagnostics give the pane's text.</summary>
    public const string SourceName = "policies.yaml";

    /// <summary>
    /// The draft's policies as YAML: those of every kind (what cluster administrators set up first, then the
    /// NetworkPolicies), or the policies of one namespace.
    /// </summary>
    public static string Write(Cluster draft, string? ns) => ManifestWriter.WritePolicies(InScope(draft, ns).OrderBy(p => p is NetworkPolicy));

    /// <summary>
    /// Reads edited text. With errors, no command. Otherwise the edit that makes the draft match the text
    /// (null when it already does), for policies of every kind: policies of the scope (<paramref name="ns"/>, or
    /// every namespace and the cluster-scoped kinds) missing from the text are deleted.
    /// </summary>
    public static LoadResult Read(string text, Cluster draft, string? ns, out WorkspaceCommand? command)
    {
        command = null;
        var result = ManifestLoader.LoadText(text, SourceName);
        result = WarnAboutIgnored(result);
        if (result.HasErrors)
        {
            return result;
        }

        var inScope = new Dictionary<PolicyKey, IPolicyResource>();
        foreach (var p in InScope(draft, ns))
        {
            inScope.TryAdd(p.Key, p);
        }

        var changes = new List<PolicyChange>();
        foreach (var p in result.Cluster.Policies)
        {
            var existing = inScope.Remove(p.Key, out var was) ? was : draft.FindPolicy(p.Key);
            if (existing is null || !existing.Equals(p))
            {
                changes.Add(PolicyChange.Upsert(p));
            }
        }

        changes.AddRange(inScope.Values.OrderBy(p => p.Key.Id, StringComparer.Ordinal).Select(PolicyChange.Delete));
        if (changes.Count > 0)
        {
            command = new EditPolicies(changes, Describe(changes));
        }

        return result;
    }

    /// <summary>
    /// Policies of any kind to add or replace, read from text (a suggestion, an edit sent to the hub) within
    /// <paramref name="limits"/> (the server's defaults when null); none, with a problem a person can act on,
    /// when the text has errors or holds no policy.
    /// </summary>
    public static IReadOnlyList<PolicyChange> ReadUpserts(string text, string source, out string? problem, LoadOptions? limits = null)
    {
        var loaded = ManifestLoader.LoadText(text, source, limits);
        var errors = loaded.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var policies = loaded.Cluster.Policies.ToList();
        problem = errors.Count > 0 ? string.Join(" ", errors.Select(e => $"Line {e.Line}: {e.Field}: {e.Message}"))
            : policies.Count == 0 ? "The text holds no policy." : null;
        return problem is null ? [.. policies.Select(PolicyChange.Upsert)] : [];
    }

    /// <summary>The line where a policy (by <see cref="PolicyKey.Id"/>) starts in the text (from 1), or null when the text does not define it.</summary>
    public static int? LineOf(string text, string policyId)
    {
        var result = ManifestLoader.LoadText(text, SourceName);
        var policy = result.Cluster.Policies.FirstOrDefault(p => p.Key.Id == policyId);
        return policy is null ? null : result.LocationOf(policy)?.Line;
    }

    /// <summary>The policies the pane shows for a scope: every one, or those of one namespace.</summary>
    private static IEnumerable<IPolicyResource> InScope(Cluster draft, string? ns) =>
        ns is null ? draft.Policies : draft.Policies.Where(p => p.Namespace == ns);

    private static string Describe(IReadOnlyList<PolicyChange> changes)
    {
        if (changes.Count > 1)
        {
            return $"Edit {changes.Count} policies in YAML";
        }

        var change = changes[0];
        return change.After is null ? $"Delete {change.Id} in YAML" : $"Edit {change.Id} in YAML";
    }

    /// <summary>The pane holds policies; anything else in the text is said to be ignored rather than silently dropped.</summary>
    private static LoadResult WarnAboutIgnored(LoadResult result)
    {
        var policyKinds = result.Cluster.Policies.Select(p => p.Kind).ToHashSet(StringComparer.Ordinal);
        var others = result.LoadedKinds.Where(k => !policyKinds.Contains(k.Key) && k.Value > 0).ToList();
        if (others.Count == 0)
        {
            return result;
        }

        var warning = new Diagnostic(DiagnosticSeverity.Warning, SourceName, 0, 0, null, null,
            $"This pane edits policies only; the {string.Join(", ", others.Select(k => $"{k.Value} {k.Key}"))} in the text are ignored.");
        return result with { Diagnostics = [.. result.Diagnostics, warning] };
    }
}
