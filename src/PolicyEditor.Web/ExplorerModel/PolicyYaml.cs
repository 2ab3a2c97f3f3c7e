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

    /// <summary>The draft's policies as YAML: all of them (admin policies first), or one namespace's NetworkPolicies.</summary>
    public static string Write(Cluster draft, string? ns) => ns is null
        ? ManifestWriter.Write(draft.NetworkPolicies, draft.AdminNetworkPolicies, draft.BaselineAdminNetworkPolicy)
        : ManifestWriter.Write(draft.NetworkPolicies.Where(p => p.Namespace == ns));

    /// <summary>
    /// Reads edited text. With errors, no command. Otherwise the command that makes the draft match the
    /// text (null when it already does): policy edits, or a replaced draft when admin policies changed.
    /// Policies of the scope (<paramref name="ns"/>, or every namespace) missing from the text are deleted.
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

        var parsed = result.Cluster;
        var inScope = draft.NetworkPolicies.Where(p => ns is null || p.Namespace == ns).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var changes = new List<PolicyChange>();
        foreach (var p in parsed.NetworkPolicies)
        {
            var existing = inScope.Remove(p.Id, out var was) ? was : draft.FindPolicy(p.Namespace, p.Name);
            if (existing is null || !existing.Equals(p))
            {
                changes.Add(PolicyChange.Upsert(p));
            }
        }

        changes.AddRange(inScope.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Select(PolicyChange.Delete));
        var adminChanged = ns is null
            && (!parsed.AdminNetworkPolicies.Equals(draft.AdminNetworkPolicies) || !Equals(parsed.BaselineAdminNetworkPolicy, draft.BaselineAdminNetworkPolicy));
        if (adminChanged)
        {
            var next = changes.Aggregate(draft, (c, change) => c.Apply(change)) with
            {
                AdminNetworkPolicies = parsed.AdminNetworkPolicies,
                BaselineAdminNetworkPolicy = parsed.BaselineAdminNetworkPolicy,
            };
            command = new ReplaceDraft(next, "Edit admin policies in YAML");
        }
        else if (changes.Count > 0)
        {
            command = new EditPolicies(changes, Describe(changes));
        }

        return result;
    }

    /// <summary>
    /// NetworkPolicies to add or replace, read from text (a suggestion, an edit sent to the hub) within
    /// <paramref name="limits"/> (the server's defaults when null); none, with a problem a person can act on,
    /// when the text has errors or holds no NetworkPolicy.
    /// </summary>
    public static IReadOnlyList<PolicyChange> ReadUpserts(string text, string source, out string? problem, LoadOptions? limits = null)
    {
        var loaded = ManifestLoader.LoadText(text, source, limits);
        var errors = loaded.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        problem = errors.Count > 0 ? string.Join(" ", errors.Select(e => $"Line {e.Line}: {e.Field}: {e.Message}"))
            : loaded.Cluster.NetworkPolicies.Count == 0 ? "The text holds no NetworkPolicy." : null;
        return problem is null ? [.. loaded.Cluster.NetworkPolicies.Select(PolicyChange.Upsert)] : [];
    }

    /// <summary>The line where a policy starts in the text (from 1), or null when the text does not define it.</summary>
    public static int? LineOf(string text, string policyId)
    {
        var result = ManifestLoader.LoadText(text, SourceName);
        var policy = result.Cluster.NetworkPolicies.FirstOrDefault(p => p.Id == policyId);
        return policy is null ? null : result.LocationOf(policy)?.Line;
    }

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
        var others = result.LoadedKinds.Where(k => k.Key is not ("NetworkPolicy" or "AdminNetworkPolicy" or "BaselineAdminNetworkPolicy") && k.Value > 0).ToList();
        if (others.Count == 0)
        {
            return result;
        }

        var warning = new Diagnostic(DiagnosticSeverity.Warning, SourceName, 0, 0, null, null,
            $"This pane edits policies only; the {string.Join(", ", others.Select(k => $"{k.Value} {k.Key}"))} in the text are ignored.");
        return result with { Diagnostics = [.. result.Diagnostics, warning] };
    }
}
