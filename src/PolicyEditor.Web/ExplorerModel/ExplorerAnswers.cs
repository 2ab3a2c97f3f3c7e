using System.Collections.Concurrent;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Lint;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Synthesis;
using PolicyEditor.Web.Workspace;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// The engine's answers to what the explorer's panels ask about one analysed state of a workspace: a
/// workload, a namespace, a pair and why, the pairs behind an edge, what a policy selects, what a typed
/// peer is, how to allow or deny some traffic. Each answer is computed once, on first asking, and kept
/// as long as the state is shown, so a panel drawn again costs nothing. The only place in the web app
/// that asks the engine about a single connection.
/// </summary>
public sealed partial class ExplorerAnswers
{
    private readonly ConcurrentDictionary<string, WorkloadFacts?> _workloads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, NamespaceFacts> _namespaces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(Endpoint, bool), IReadOnlyList<PeerTraffic>> _outside = new();
    private readonly ConcurrentDictionary<EndpointPair, PairFacts> _pairs = new();
    private readonly ConcurrentDictionary<(ReachQuestion, bool), Explanation?> _explanations = new();
    private readonly ConcurrentDictionary<string, EdgePairs> _edges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<NetworkPolicy, PolicyFacts> _policies = new();
    private readonly ConcurrentDictionary<(bool, SynthesisPeer, SynthesisPeer, ConnectionSet), Task<IntentProposal>> _intents = new();
    private readonly Lazy<IReadOnlyList<PolicyFacts>> _policyList;
    private readonly Lazy<IReadOnlyList<string>> _peerNames;
    private readonly ILookup<string, LintFinding> _findings;
    private IReadOnlyList<Engine.Program.TierOutline>? _tiers;

    public ExplorerAnswers(WorkspaceAnalysis analysis)
    {
        Analysis = analysis;
        _findings = analysis.Lint.ToLookup(f => f.Policy, StringComparer.Ordinal);
        _policyList = new(() => [.. Draft.Evaluator.Cluster.NetworkPolicies
            .OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(Policy)]);
        _peerNames = new(() =>
        {
            List<string> names = [.. Draft.Workloads.Select(w => EndpointText.TextOf(Endpoint.Of(w), Draft)).Order(StringComparer.Ordinal)];
            if (Draft.HasIngressController)
            {
                names.Add(Endpoint.IngressController.Id);
            }

            return names;
        });
    }

    /// <summary>The analysis answered about.</summary>
    public WorkspaceAnalysis Analysis { get; }

    private ReachabilityMatrix Draft => Analysis.Draft;

    private ReachabilityMatrix Baseline => Analysis.Baseline;

    /// <summary>A workload of the draft by id (<c>ns/name[Kind]</c>), or null.</summary>
    public Workload? Workload(string workloadId) => Draft.IndexOf(workloadId) is var i and >= 0 ? Draft.Workloads[i] : null;

    /// <summary>A workload's labels, ports, selecting policies and traffic; null when the draft has no such workload.</summary>
    public WorkloadFacts? WorkloadFacts(string workloadId) => _workloads.GetOrAdd(workloadId, id =>
    {
        var me = Draft.IndexOf(id);
        if (me < 0)
        {
            return null;
        }

        var workload = Draft.Workloads[me];
        var evaluator = Draft.Evaluator;
        return new WorkloadFacts(workload, Endpoint.Of(workload),
            evaluator.PoliciesSelecting(workload, TrafficDirection.Ingress), evaluator.PoliciesSelecting(workload, TrafficDirection.Egress),
            evaluator.ExposedPorts(workload), Draft.IsIngressOpen(me), Draft.IsEgressOpen(me),
            PeerTraffic.OfWorkload(Draft, me, outbound: true), PeerTraffic.OfWorkload(Draft, me, outbound: false))
        {
            TierPolicies = evaluator.TierPoliciesSelecting(workload),
        };
    });

    /// <summary>A namespace's workloads, policies, warnings, labels and default denies.</summary>
    public NamespaceFacts Namespace(string ns) => _namespaces.GetOrAdd(ns, _ =>
    {
        var cluster = Draft.Evaluator.Cluster;
        List<NetworkPolicy> policies = [.. cluster.NetworkPolicies.Where(p => p.Namespace == ns).OrderBy(p => p.Name, StringComparer.Ordinal)];
        return new NamespaceFacts(ns,
            [.. cluster.Workloads.Where(w => w.Namespace == ns).OrderBy(w => w.Name, StringComparer.Ordinal)],
            policies,
            [.. Analysis.Lint.Where(f => f.Policy.StartsWith(ns + "/", StringComparison.Ordinal))],
            cluster.FindNamespace(ns)?.Labels ?? new Namespace(ns).Labels,
            policies.Any(p => p.PodSelector.IsEmpty && p.AffectsIngress),
            policies.Any(p => p.PodSelector.IsEmpty && p.AffectsEgress));
    });

    /// <summary>The workloads an outside endpoint (an address, the ingress controller) reaches, or (<paramref name="outbound"/> false) that reach it.</summary>
    public IReadOnlyList<PeerTraffic> Outside(Endpoint outside, bool outbound) =>
        _outside.GetOrAdd((outside, outbound), key => key.Item1 is IngressControllerEndpoint && !key.Item2 ? [] : PeerTraffic.OfOutside(Draft, key.Item1, key.Item2));

    /// <summary>What a pair may exchange in the draft and before it.</summary>
    public PairFacts Pair(EndpointPair pair) => _pairs.GetOrAdd(pair, p =>
    {
        var draft = Draft.Evaluator.Evaluate(p.Source, p.Destination);
        var baseline = In(p, Baseline) is { } b ? Baseline.Evaluator.Evaluate(b.Source, b.Destination) : ConnectionSet.None;
        return new PairFacts(draft, baseline, ReachQuestion.FirstOf(draft) ?? ReachQuestion.FirstOf(baseline) ?? (Protocol.TCP, 80));
    });

    /// <summary>
    /// The engine's verdict on a question and the policies and rules that decided it, in the draft, or
    /// (<paramref name="inBaseline"/>) in the accepted version, null when an end is not in it. Every
    /// explanation the explorer shows comes from here.
    /// </summary>
    public Explanation? Explain(ReachQuestion question, bool inBaseline = false) => _explanations.GetOrAdd((question, inBaseline), key =>
    {
        var matrix = key.Item2 ? Baseline : Draft;
        return In(key.Item1.Pair, matrix) is { } pair ? matrix.Evaluator.Explain(pair.Source, pair.Destination, key.Item1.Protocol, key.Item1.Port) : null;
    });

    /// <summary>The pair with its workloads as the draft has them; null when one is no longer there.</summary>
    public EndpointPair? InDraft(EndpointPair pair) => In(pair, Draft);

    /// <summary>The pairs behind an edge of the graph drawn from this state, with traffic in the draft or, for a changed edge, before it.</summary>
    public EdgePairs PairsOf(GraphEdge edge, GraphModel graph) => _edges.GetOrAdd(edge.Id, _ =>
    {
        var rows = new List<EdgePair>();
        var changed = edge.Classes.Any(c => c is "added" or "blocked" or "changed");
        foreach (var source in graph.MembersOf(edge.Source))
        {
            foreach (var destination in graph.MembersOf(edge.Target))
            {
                if (source == destination)
                {
                    continue;
                }

                var facts = changed ? Pair(new EndpointPair(source, destination)) : null;
                var draft = facts?.Draft ?? Draft.Evaluator.Evaluate(source, destination);
                var baseline = facts?.Baseline ?? draft;
                if (draft.IsEmpty && baseline.IsEmpty)
                {
                    continue;
                }

                if (rows.Count == EdgePairs.Limit)
                {
                    return new EdgePairs(rows, true, changed);
                }

                rows.Add(new EdgePair(new EndpointPair(source, destination), draft, baseline));
            }
        }

        return new EdgePairs(rows, false, changed);
    });

    /// <summary>Every NetworkPolicy of the draft with what it selects and its warnings, by namespace and name.</summary>
    public IReadOnlyList<PolicyFacts> Policies => _policyList.Value;

    /// <summary>The policy program's tiers in the order they run, each with its policies in order, staged policies in their place.</summary>
    public IReadOnlyList<Engine.Program.TierOutline> Tiers => _tiers ??= Engine.Dialects.Calico.CalicoStaging.WithStaged(Engine.Program.ProgramOutline.Of(Draft.Evaluator), Draft.Evaluator.Cluster);

    /// <summary>
    /// Whether the program has more than the NetworkPolicies' own tier (admin tiers, Calico tiers, Cilium
    /// policies): then the NetworkPolicies alone do not say what is open.
    /// </summary>
    public bool HasTiers => Tiers.Any(t => t.Tier != Engine.Program.ProgramTier.Default || t.Policies.Any(e => e.Key is not null));

    /// <summary>How many policies the linter warns about.</summary>
    public int WarnedPolicies => _findings.Count;

    /// <summary>A NetworkPolicy of the draft by id (<c>namespace/name</c>), or null (an admin policy, or one no longer there).</summary>
    public NetworkPolicy? FindPolicy(string policyId)
    {
        var slash = policyId.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? null : Draft.Evaluator.Cluster.FindPolicy(policyId[..slash], policyId[(slash + 1)..]);
    }

    /// <summary>The workloads a policy selects, and its warnings.</summary>
    public PolicyFacts Policy(NetworkPolicy policy) =>
        _policies.GetOrAdd(policy, p => new PolicyFacts(p, [.. Draft.Workloads.Where(w => w.Namespace == p.Namespace && p.PodSelector.Matches(w.Labels))], [.. _findings[p.Id]]));

    /// <summary>The names the ask box offers: every workload (as typed), and the ingress controller when there is one.</summary>
    public IReadOnlyList<string> PeerNames => _peerNames.Value;

    /// <summary>A peer typed in the ask box; null with a reason for the user when it names nothing.</summary>
    public Endpoint? Parse(string? text, out string? error) => EndpointText.Parse(text, Draft, out error);

    /// <summary>One end of an intent as typed (a peer, <c>ns/*</c>, a CIDR); null with a reason for the user.</summary>
    public SynthesisPeer? ParsePeer(string? text, out string? error) => EndpointText.ParsePeer(text, Draft, out error);

    /// <summary>What a user types for an endpoint.</summary>
    public string TextOf(Endpoint endpoint) => EndpointText.TextOf(endpoint, Draft);

    /// <summary>What a user types for one end of an intent.</summary>
    public string TextOf(SynthesisPeer peer) => EndpointText.TextOf(peer, Draft);

    /// <summary>
    /// What to propose first in the allow/deny dialog: for a denial, what the pair has now; else the ports the
    /// destination's Services send to (a namespace's when they are a few), its container ports when no Service
    /// selects it, or TCP 443 to an outside address or a DNS name.
    /// </summary>
    public ConnectionSet DefaultConnections(SynthesisPeer? source, SynthesisPeer? destination, bool revoke)
    {
        if (revoke && source?.Endpoint is { } from && destination?.Endpoint is { } to)
        {
            var now = Draft.Get(from, to);
            if (!now.IsEmpty)
            {
                return now;
            }
        }

        var workloads = destination?.Members(Draft).OfType<WorkloadEndpoint>().Select(w => w.Workload).ToList() ?? [];
        var served = workloads.SelectMany(w => ServiceTargets.PortsOf(Draft.Evaluator.Cluster, w)).Distinct().ToList();
        if (served.Count is > 0 and <= 8)
        {
            return ServiceTargets.Connections(served);
        }

        var ports = workloads.SelectMany(w => w.Ports).Select(p => (p.Protocol, p.Number)).Distinct().ToList();
        if (ports.Count is > 0 and <= 8)
        {
            return ServiceTargets.Connections(ports);
        }

        return destination?.Endpoint is ExternalEndpoint or DnsEndpoint ? ConnectionSet.Of(Protocol.TCP, 443) : ConnectionSet.Of(Protocol.TCP, 80);
    }

    /// <summary>The policy changes that allow (or, <paramref name="revoke"/>, deny) traffic from one peer to another, each with its full impact; computed off the caller's thread.</summary>
    public Task<IntentProposal> ProposeAsync(bool revoke, SynthesisPeer source, SynthesisPeer destination, ConnectionSet connections) =>
        _intents.GetOrAdd((revoke, source, destination, connections), key => Task.Run(() =>
        {
            var result = Engine.Dialects.DialectProposals.Propose(Draft, key.Item1, key.Item2, key.Item3, key.Item4);
            return new IntentProposal(result.Intent, result.AlreadySatisfied, result.Reason,
                [.. result.Options.Select(o => new IntentOption(o.Title, o.IsExact, o.SideEffects.Count, o.Warnings, o.Changes, o.Impact.Changes))]);
        }));

    /// <summary>The graph's nodes that show what a policy selects: its workloads, or their namespace where it is collapsed.</summary>
    public IReadOnlyList<string> NodesSelectedBy(NetworkPolicy policy, GraphModel graph)
    {
        var shown = graph.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        return [.. Policy(policy).Selected
            .Select(w => shown.Contains(GraphIds.Workload(w.Id)) ? GraphIds.Workload(w.Id) : GraphIds.Namespace(w.Namespace))
            .Distinct()];
    }

    /// <summary>The pair with its workloads taken from another matrix's cluster (same ids); null when one is not there.</summary>
    private static EndpointPair? In(EndpointPair pair, ReachabilityMatrix matrix)
    {
        Endpoint? Same(Endpoint e) => e is WorkloadEndpoint w
            ? matrix.IndexOf(w.Workload.Id) is var i and >= 0 ? Endpoint.Of(matrix.Workloads[i]) : null
            : e;
        return Same(pair.Source) is { } s && Same(pair.Destination) is { } d ? new EndpointPair(s, d) : null;
    }
}
