using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Web.Reviews;

/// <summary>The YAML diff of one policy between the baseline and the draft.</summary>
public sealed record PolicyYamlDiff(string Policy, string Change, IReadOnlyList<DiffLine> Lines)
{
    /// <summary>Every NetworkPolicy that differs between two clusters, with its YAML diff.</summary>
    public static IReadOnlyList<PolicyYamlDiff> Between(Cluster baseline, Cluster draft)
    {
        var before = baseline.NetworkPolicies.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var after = draft.NetworkPolicies.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var result = new List<PolicyYamlDiff>();
        foreach (var id in before.Keys.Union(after.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            before.TryGetValue(id, out var was);
            after.TryGetValue(id, out var now);
            if (was is not null && now is not null && was.Equals(now))
            {
                continue;
            }

            var change = was is null ? "added" : now is null ? "deleted" : "changed";
            result.Add(new PolicyYamlDiff(id, change, LineDiff.Compute(was is null ? string.Empty : ManifestWriter.Write(was), now is null ? string.Empty : ManifestWriter.Write(now))));
        }

        return result;
    }
}
