using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Manifests.Flows;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Traffic;

/// <summary>
/// The observed traffic of workspaces: imports flow files into a workspace (streamed, each import added to
/// what was there, nothing lost when an import fails or is cancelled), keeps it with the workspace, tells
/// the workspace's viewers when it changed, and classifies it against each analysis of the workspace once.
/// </summary>
public sealed class ObservedTrafficService(IObservedTrafficStore store, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Task<ObservedTrafficRecord>> _records = new();
    private readonly ConditionalWeakTable<WorkspaceAnalysis, Classified> _classified = [];
    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <summary>Raised with the workspace whose observed traffic changed.</summary>
    public event Action<Guid>? Changed;

    /// <summary>The workspace's observed traffic (kept in memory after the first read).</summary>
    public Task<ObservedTrafficRecord> GetAsync(Guid workspaceId) => _records.GetOrAdd(workspaceId, id => store.LoadAsync(id));

    /// <summary>
    /// Reads a flow file into the workspace's observed traffic. A file that cannot be read as a whole
    /// (<see cref="FlowReadException"/>) or a cancelled read changes nothing.
    /// </summary>
    public async Task<FlowImportResult> ImportAsync(Guid workspaceId, Stream stream, string name, IProgress<FlowReadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var read = await FlowReader.ReadAsync(stream, name, FlowReadOptions.Default, null, progress, cancellationToken);
        await _writing.WaitAsync(cancellationToken);
        try
        {
            var before = await GetAsync(workspaceId);
            var after = new ObservedTrafficRecord(before.Traffic.Add(read.Traffic), [.. before.Sources, name], clock.GetUtcNow());
            await store.SaveAsync(workspaceId, after, CancellationToken.None);
            _records[workspaceId] = Task.FromResult(after);
            Changed?.Invoke(workspaceId);
            return new FlowImportResult(read, after);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Forgets the workspace's observed traffic.</summary>
    public async Task ClearAsync(Guid workspaceId)
    {
        await store.ClearAsync(workspaceId);
        _records[workspaceId] = Task.FromResult(ObservedTrafficRecord.None);
        Changed?.Invoke(workspaceId);
    }

    /// <summary>
    /// The traffic held against an analysis of the workspace: today is the accepted version, the draft is the
    /// draft; computed once per analysis and traffic.
    /// </summary>
    public FlowClassification Classify(WorkspaceAnalysis analysis, ObservedTrafficRecord record)
    {
        if (record.Traffic.IsEmpty)
        {
            return FlowClassification.Empty;
        }

        lock (_classified)
        {
            if (_classified.TryGetValue(analysis, out var known) && ReferenceEquals(known.Traffic, record.Traffic))
            {
                return known.Classification;
            }
        }

        var classification = FlowClassifier.Classify(record.Traffic, new FlowMatcher(analysis.Draft.Evaluator.Cluster), analysis.Baseline, analysis.Draft);
        lock (_classified)
        {
            _classified.AddOrUpdate(analysis, new Classified(record.Traffic, classification));
        }

        return classification;
    }

    private sealed record Classified(ObservedTraffic Traffic, FlowClassification Classification);
}
