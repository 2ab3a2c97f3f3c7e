using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Manifests.Writing;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Explorer;

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
    /// </summary>
    public static LoadResult Read(string text, Cluster draft, string? ns, out WorkspaceCommand? command)
    {
        command = null;
        var result = ManifestLoader.LoadText(text, SourceName);
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

        changes.AddRange(inScope.Values.Select(PolicyChange.Delete));
        var adminChanged = ns is null && (parsed.AdminNetworkPolicies != draft.AdminNetworkPolicies || !Equals(parsed.BaselineAdminNetworkPolicy, draft.BaselineAdminNetworkPolicy));
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
            command = new EditPolicies(changes, changes.Count == 1 ? $"Edit {changes[0].Id} in YAML" : $"Edit {changes.Count} policies in YAML");
        }

        return result;
    }
}
