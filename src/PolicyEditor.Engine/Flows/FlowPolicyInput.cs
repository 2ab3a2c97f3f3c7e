using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Flows;

/// <summary>
/// What one proposal's policies are written from, whatever the dialect: the workloads of the scope in a stable
/// order, the connections each was observed to accept (ingress) and to open (egress) per peer, the selectors,
/// the namespaces wholly in the scope, where DNS runs, and the warnings the writing adds to.
/// </summary>
internal sealed class FlowPolicyInput(
    Cluster cluster,
    IReadOnlyList<Workload> workloads,
    IReadOnlyDictionary<Workload, Dictionary<Endpoint, ConnectionSet>> ingress,
    IReadOnlyDictionary<Workload, Dictionary<Endpoint, ConnectionSet>> egress,
    IReadOnlySet<string> wholeNamespaces,
    List<string> warnings)
{
    /// <summary>The pods DNS runs in, as every dialect's DNS rule names them.</summary>
    public static readonly LabelSelector DnsPods = LabelSelector.ForLabels(("k8s-app", "kube-dns"));

    /// <summary>DNS: UDP and TCP port 53.</summary>
    public static readonly ConnectionSet DnsConnections = ConnectionSet.Of(Protocol.UDP, 53).Union(ConnectionSet.Of(Protocol.TCP, 53));

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>The cluster the policies are for.</summary>
    public Cluster Cluster => cluster;

    /// <summary>The workloads of the scope, ordered by id.</summary>
    public IReadOnlyList<Workload> Workloads => workloads;

    /// <summary>The namespaces every workload of which is in the scope.</summary>
    public IReadOnlySet<string> WholeNamespaces => wholeNamespaces;

    /// <summary>What the proposal could not do exactly.</summary>
    public List<string> Warnings => warnings;

    /// <summary>The workloads' selectors.</summary>
    public FlowSelectors Selectors { get; } = new(cluster, warnings);

    /// <summary>The namespace DNS runs in: its pods' where the manifests have them, else kube-system.</summary>
    public string DnsNamespace { get; } = cluster.Workloads.FirstOrDefault(w => DnsPods.Matches(w.Labels))?.Namespace ?? "kube-system";

    /// <summary>Whether <paramref name="workload"/> serves DNS: it stays reachable on port 53 from every namespace, observed or not.</summary>
    public static bool IsDns(Workload workload) => DnsPods.Matches(workload.Labels);

    /// <summary>The observed connections of <paramref name="workload"/> in one direction, per peer.</summary>
    public IReadOnlyDictionary<Endpoint, ConnectionSet> Observed(Workload workload, TrafficDirection direction) =>
        (direction == TrafficDirection.Ingress ? ingress : egress).GetValueOrDefault(workload) ?? (IReadOnlyDictionary<Endpoint, ConnectionSet>)new Dictionary<Endpoint, ConnectionSet>();

    /// <summary>The peers of one direction grouped by the connections observed with them (the peers reached on the same connections share a rule), in a stable order.</summary>
    public IEnumerable<(ConnectionSet Connections, IReadOnlyList<Endpoint> Peers)> Groups(Workload workload, TrafficDirection direction) =>
        Observed(workload, direction)
            .GroupBy(p => p.Value)
            .Select(g => (g.Key, (IReadOnlyList<Endpoint>)g.Select(p => p.Key).OrderBy(p => p.Id, StringComparer.Ordinal).ToList()))
            .OrderBy(g => g.Item2[0].Id, StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="name"/> in <paramref name="ns"/> for a policy that is not a workload's (no workload's policy is given it).</summary>
    public void Reserve(string ns, string name) => _names.Add($"{ns}/{name}");

    /// <summary>The name of <paramref name="workload"/>'s policy: <c>observed-NAME</c>, with its kind when another workload of its namespace has that name.</summary>
    public string PolicyName(Workload workload)
    {
        var name = FlowPolicyGenerator.NamePrefix + workload.Name;
        if (!_names.Add($"{workload.Namespace}/{name}"))
        {
            name = $"{name}-{workload.Kind.ToLowerInvariant()}";
            _names.Add($"{workload.Namespace}/{name}");
        }

        return name;
    }
}
