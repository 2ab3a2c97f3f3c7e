using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Manifests.Loading;

/// <summary>
/// What loading produced: the cluster, every diagnostic, where each object came from, and counts of
/// the kinds loaded and skipped (for an import summary).
/// </summary>
public sealed record LoadResult(
    Cluster Cluster,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyDictionary<string, SourceLocation> Locations,
    IReadOnlyDictionary<string, int> LoadedKinds,
    IReadOnlyDictionary<string, int> SkippedKinds)
{
    /// <summary>
    /// Why the input was refused as a whole (it passed a limit of its <see cref="LoadBudget"/>), naming the
    /// limit and where to raise it; null when it was read. A refused input loads nothing at all.
    /// </summary>
    public string? Refusal { get; init; }

    /// <summary>True when some input could not be loaded.</summary>
    public bool HasErrors => Refusal is not null || Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The key <see cref="Locations"/> uses for a NetworkPolicy.</summary>
    public static string KeyOf(NetworkPolicy policy) => $"NetworkPolicy/{policy.Namespace}/{policy.Name}";

    /// <summary>The key <see cref="Locations"/> uses for a policy of any kind: <c>Kind/namespace/name</c>, or <c>Kind/name</c> when cluster-scoped.</summary>
    public static string KeyOf(IPolicyResource policy) =>
        policy.Namespace is null ? $"{policy.Kind}/{policy.Name}" : $"{policy.Kind}/{policy.Namespace}/{policy.Name}";

    /// <summary>Where a policy of any kind was defined, if known.</summary>
    public SourceLocation? LocationOf(IPolicyResource policy) => Locations.GetValueOrDefault(KeyOf(policy));

    /// <summary>The key <see cref="Locations"/> uses for a workload.</summary>
    public static string KeyOf(Workload workload) => $"{workload.Kind}/{workload.Namespace}/{workload.Name}";

    /// <summary>Where a NetworkPolicy was defined, if known.</summary>
    public SourceLocation? LocationOf(NetworkPolicy policy) => Locations.GetValueOrDefault(KeyOf(policy));

    /// <summary>Where a workload was defined, if known.</summary>
    public SourceLocation? LocationOf(Workload workload) => Locations.GetValueOrDefault(KeyOf(workload));
}
