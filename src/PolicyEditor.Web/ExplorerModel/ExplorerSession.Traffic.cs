using PolicyEditor.Engine.Dialects;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Flows;
using PolicyEditor.Web.Traffic;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>The explorer's observed traffic: imported into the workspace shown, classified against its analysis, drawn on its graph.</summary>
public sealed partial class ExplorerSession
{
    private bool _hearingTraffic;

    /// <summary>The workspace's observed traffic as kept.</summary>
    public ObservedTrafficRecord Observed { get; private set; } = ObservedTrafficRecord.None;

    /// <summary>The observed traffic held against the accepted version and the draft shown.</summary>
    public FlowClassification Traffic { get; private set; } = FlowClassification.Empty;

    /// <summary>Whether observed traffic can be imported here (the service is there and the person may edit).</summary>
    public bool CanImportTraffic => observed is not null && CanEdit;

    /// <summary>
    /// Reads a flow file into the workspace's observed traffic, with progress; the graph and every viewer's
    /// panels follow. A refused or cancelled read keeps what was imported before.
    /// </summary>
    public async Task<FlowImportResult> ImportFlowsAsync(Stream stream, string name, IProgress<FlowReadProgress>? progress, CancellationToken cancellationToken)
    {
        if (observed is null || State is not { } state)
        {
            throw new InvalidOperationException("No workspace is shown.");
        }

        var result = await observed.ImportAsync(state.Id, stream, name, progress, cancellationToken);
        await ShowTrafficAsync(state.Id);
        return result;
    }

    /// <summary>Forgets the workspace's observed traffic.</summary>
    public async Task ForgetTrafficAsync()
    {
        if (observed is not null && State is { } state)
        {
            await observed.ClearAsync(state.Id);
            await ShowTrafficAsync(state.Id);
        }
    }

    /// <summary>The dialect the draft shown writes its policies in, which policies from flows are proposed in unless asked otherwise.</summary>
    public PolicyDialect WorkspaceDialect => Analysis is { } analysis ? DialectProposals.DialectOf(analysis.Draft.Evaluator.Cluster) : PolicyDialect.NetworkPolicy;

    /// <summary>The workloads of namespace <paramref name="ns"/> in the draft shown, by id: what policies from flows can be asked for one by one.</summary>
    public IReadOnlyList<string> WorkloadsIn(string ns) =>
        Analysis is { } analysis ? [.. analysis.Draft.Workloads.Where(w => w.Namespace == ns).Select(w => w.Id).Order(StringComparer.Ordinal)] : [];

    /// <summary>
    /// Least-privilege policies from the observed traffic for one namespace (all of them when null), or only the
    /// <paramref name="workloads"/> of it named by id (the whole namespace when none), in <paramref name="dialect"/>
    /// (null: the workspace's), against the draft shown, and what applying them would change.
    /// </summary>
    public async Task<(FlowPolicyProposal Proposal, IReadOnlyList<Engine.Reachability.ConnectionChange> Impact)> ProposeFromFlowsAsync(string? ns, PolicyDialect? dialect = null, IReadOnlyCollection<string>? workloads = null)
    {
        if (Analysis is not { } analysis)
        {
            return (FlowPolicyProposal.None, []);
        }

        var cluster = analysis.Draft.Evaluator.Cluster;
        Func<Engine.Model.Workload, bool>? inScope = ns is null ? null
            : workloads is { Count: > 0 } ? w => w.Namespace == ns && workloads.Contains(w.Id)
            : w => w.Namespace == ns;
        var proposal = await Task.Run(() => FlowPolicyGenerator.Generate(cluster, Traffic, inScope, dialect));
        return (proposal, await ImpactOfAsync(proposal.Changes()));
    }

    /// <summary>Applies proposed policies to the draft as one edit (undo takes them back).</summary>
    public Task<bool> ApplyFromFlowsAsync(FlowPolicyProposal proposal, string? ns) =>
        ExecuteAsync(new EditPolicies(proposal.Changes(), $"Policies from observed traffic ({ns ?? "every namespace"})"));

    /// <summary>The graph of an analysis with the workspace's observed traffic classified against it and drawn on it.</summary>
    private async Task<GraphModel> BuildGraphAsync(WorkspaceAnalysis analysis, GraphOptions options)
    {
        var graph = await graphs.BuildAsync(analysis, options);
        if (observed is null)
        {
            return ParallelEdges.Merge(graph);
        }

        if (!_hearingTraffic)
        {
            _hearingTraffic = true;
            observed.Changed += HearTraffic;
        }

        Observed = await observed.GetAsync(analysis.State.Id);
        var record = Observed;
        Traffic = await Task.Run(() => observed.Classify(analysis, record));
        if (Traffic.Pairs.Count > 0 && graph.FoldedEdges > 0)
        {
            // Observed flows are drawn on the edges that carry them: those may not be folded into a badge; the others stay folded.
            var observedPairs = ObservedEdges.NodePairs(graph, Traffic, analysis.Draft);
            if (observedPairs.Count > 0)
            {
                graph = await graphs.BuildAsync(analysis, options with { Unfolded = observedPairs });
            }
        }

        return ParallelEdges.Merge(ObservedEdges.Overlay(graph, Traffic, analysis.Draft));
    }

    private void HearTraffic(Guid workspaceId)
    {
        if (workspaceId == _following)
        {
            _ = Task.Factory.StartNew(() => ShowTrafficAsync(workspaceId), CancellationToken.None, TaskCreationOptions.DenyChildAttach, _circuit).Unwrap();
        }
    }

    /// <summary>The workspace's traffic changed: classified and drawn again on the state shown.</summary>
    private async Task ShowTrafficAsync(Guid workspaceId)
    {
        await _showing.WaitAsync();
        try
        {
            if (_following != workspaceId || Analysis is not { } analysis)
            {
                return;
            }

            Graph = await BuildGraphAsync(analysis, Options);
            RefreshSelection();
        }
        finally
        {
            _showing.Release();
        }

        Notify();
    }

    private void StopHearingTraffic()
    {
        if (_hearingTraffic && observed is not null)
        {
            observed.Changed -= HearTraffic;
            _hearingTraffic = false;
        }
    }
}
