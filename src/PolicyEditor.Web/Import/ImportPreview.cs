using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Web.Import;

/// <summary>
/// What an import would do, shown before it is applied: what was read (counts by kind, skipped files and
/// kinds, every diagnostic with file and line), the cluster it would produce, and, for an existing
/// workspace, the change impact against its current draft (every changed pair).
/// </summary>
public sealed record ImportPreview(UploadResult Upload, Cluster? Result, IReadOnlyList<ConnectionChange>? Impact, ImportMode Mode)
{
    /// <summary>True when there is something to import.</summary>
    public bool CanApply => !Upload.Refused && Result is not null && Upload.Result.LoadedKinds.Values.Sum() > 0;

    /// <summary>Problems that keep the object they concern out of the import.</summary>
    public IReadOnlyList<Diagnostic> Errors => [.. Upload.Result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];

    /// <summary>
    /// Problems with objects that are imported all the same, as read: what a warning names (an unknown field
    /// such as a misspelt <c>ingres:</c>, an ignored port) is not in the imported object, which can change
    /// what a policy allows. Applying such an import needs the user's explicit consent.
    /// </summary>
    public IReadOnlyList<Diagnostic> Warnings => [.. Upload.Result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning)];

    /// <summary>What the edit (or the new workspace's first version) is called: what was imported, and the warnings accepted with it, so that history keeps them.</summary>
    public string Description(string what)
    {
        var warnings = Warnings;
        if (warnings.Count == 0)
        {
            return $"Imported {what}";
        }

        var first = warnings[0];
        var text = $"{(first.Object is null ? string.Empty : $"{first.Object}: ")}{(first.Field is null ? string.Empty : $"{first.Field}: ")}{first.Message}";
        return $"Imported {what}, accepting {warnings.Count} warning(s): {text}{(warnings.Count > 1 ? " …" : string.Empty)}";
    }

    /// <summary>Objects loaded, by kind, in name order.</summary>
    public IEnumerable<KeyValuePair<string, int>> Loaded => Upload.Result.LoadedKinds.OrderBy(k => k.Key, StringComparer.Ordinal);

    /// <summary>Objects read but not modelled, by kind.</summary>
    public IEnumerable<KeyValuePair<string, int>> SkippedKinds => Upload.Result.SkippedKinds.OrderBy(k => k.Key, StringComparer.Ordinal);
}
