using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Web.Reviews;

/// <summary>The YAML diff of one policy between the baseline and the draft.</summary>
public sealed record PolicyYamlDiff(string Policy, string Change, IReadOnlyList<DiffLine> Lines)
{
    /// <summary>Every policy (of any kind) that differs between two clusters, with its YAML diff.</summary>
    public static IReadOnlyList<PolicyYamlDiff> Between(Cluster baseline, Cluster draft) =>
        [.. PolicyDifference.Between(baseline, draft).OrderBy(d => d.Id, StringComparer.Ordinal).Select(d => new PolicyYamlDiff(d.Id, d.Kind,
            LineDiff.Compute(d.Before is null ? string.Empty : ManifestWriter.Write(d.Before), d.After is null ? string.Empty : ManifestWriter.Write(d.After))))];
}
