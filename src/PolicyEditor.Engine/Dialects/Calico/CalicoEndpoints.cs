using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;

namespace PolicyEditor.Engine.Dialects.Calico;

/// <summary>
/// What Calico's selectors see of a cluster: an endpoint's labels with the ones Calico adds
/// (<c>projectcalico.org/namespace</c>, <c>/orchestrator</c>, <c>/serviceaccount</c>) and the ones its
/// profiles apply (<c>labelsToApply</c> of the <c>kns.&lt;namespace&gt;</c> and
/// <c>ksa.&lt;namespace&gt;.&lt;account&gt;</c> profiles the manifests define; the endpoint's own labels win),
/// a namespace's labels with <c>projectcalico.org/name</c>, service accounts' labels, and the network sets.
/// </summary>
internal sealed class CalicoEndpoints
{
    /// <summary>The label Calico gives an endpoint with its namespace's name.</summary>
    public const string NamespaceLabel = "projectcalico.org/namespace";

    /// <summary>The label Calico gives a namespace with its name.</summary>
    public const string NameLabel = "projectcalico.org/name";

    /// <summary>The label Calico gives an endpoint with its orchestrator (<c>k8s</c>).</summary>
    public const string OrchestratorLabel = "projectcalico.org/orchestrator";

    /// <summary>The label Calico gives a pod with its service account's name.</summary>
    public const string ServiceAccountLabel = "projectcalico.org/serviceaccount";

    private readonly Dictionary<(string Namespace, string Name), LabelSet> _accounts;
    private readonly Dictionary<string, LabelSet> _profileLabels;
    private readonly Dictionary<string, CalicoHostEndpoint> _hostsByName;
    private readonly Workload[] _addressed;

    public CalicoEndpoints(Cluster cluster)
    {
        _accounts = cluster.ServiceAccounts.GroupBy(a => (a.Namespace, a.Name)).ToDictionary(g => g.Key, g => g.First().Labels);
        _profileLabels = cluster.OtherPolicies.OfType<CalicoProfile>().Where(p => p.LabelsToApply.Count > 0)
            .GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().LabelsToApply, StringComparer.Ordinal);
        NetworkSets = [.. cluster.OtherPolicies.OfType<CalicoNetworkSet>()];
        Hosts = [.. HostsOf(cluster)];
        _hostsByName = Hosts.ToDictionary(h => h.Name, StringComparer.Ordinal);
        Services = [.. cluster.Services];
        _addressed = [.. cluster.Workloads.Where(w => !w.Addresses.IsEmpty)];
    }

    /// <summary>Every HostEndpoint of a cluster (the first of each name).</summary>
    public static IEnumerable<CalicoHostEndpoint> HostsOf(Cluster cluster) => cluster.OtherPolicies.OfType<CalicoHostEndpoint>().DistinctBy(h => h.Name);

    /// <summary>Whether some pod of the cluster has its addresses within <paramref name="addresses"/> (pods the manifests give no address never do).</summary>
    public bool AnyPodWithin(AddressSet addresses) => !addresses.IsEmpty && Array.Exists(_addressed, w => AddressesWithin(w, addresses));

    /// <summary>True when profiles give endpoints labels beyond their own (then a pod's own labels do not say what a selector sees).</summary>
    public bool AppliesProfileLabels => _profileLabels.Count > 0;

    /// <summary>Every NetworkSet and GlobalNetworkSet.</summary>
    public IReadOnlyList<CalicoNetworkSet> NetworkSets { get; }

    /// <summary>Every HostEndpoint (the first of each name).</summary>
    public IReadOnlyList<CalicoHostEndpoint> Hosts { get; }

    /// <summary>True when the manifests define host endpoints, which policies may then select and rules take in.</summary>
    public bool HasHosts => Hosts.Count > 0;

    /// <summary>Every Service.</summary>
    public IReadOnlyList<Service> Services { get; }

    /// <summary>The service account a workload runs as (<c>default</c> when its spec names none).</summary>
    public static string AccountOf(Workload workload) => workload.ServiceAccount ?? ServiceAccount.DefaultName;

    /// <summary>
    /// A workload's labels as Calico's selectors see them. A host endpoint (<see cref="Evaluation.HostEndpoint.AsWorkload"/>)
    /// has its own labels and those its profiles apply, and none of a namespace.
    /// </summary>
    public IReadOnlyDictionary<string, string> LabelsOf(Workload workload) => Evaluation.HostEndpoint.IsHost(workload)
        ? new Overlay(workload.Labels, [], HostProfileLabels(workload.Name))
        : new Overlay(workload.Labels,
    [
        (NamespaceLabel, workload.Namespace),
        (OrchestratorLabel, "k8s"),
        (ServiceAccountLabel, AccountOf(workload)),
    ], InheritedLabels(workload));

    /// <summary>The labels a workload's default profiles apply, the namespace profile's first (Calico lists it first).</summary>
    private (string Key, string Value)[] InheritedLabels(Workload workload)
    {
        if (_profileLabels.Count == 0)
        {
            return [];
        }

        if (workload.CalicoProfiles is { } listed)
        {
            return ProfileLabels(listed);
        }

        var namespaceProfile = _profileLabels.GetValueOrDefault($"kns.{workload.Namespace}") ?? LabelSet.Empty;
        var accountProfile = _profileLabels.GetValueOrDefault($"ksa.{workload.Namespace}.{AccountOf(workload)}") ?? LabelSet.Empty;
        return [.. namespaceProfile.Select(l => (l.Key, l.Value)), .. accountProfile.Where(l => !namespaceProfile.ContainsKey(l.Key)).Select(l => (l.Key, l.Value))];
    }

    /// <summary>The labels a host endpoint's profiles apply, in the order it lists them.</summary>
    private (string Key, string Value)[] HostProfileLabels(string host)
    {
        return _profileLabels.Count == 0 || !_hostsByName.TryGetValue(host, out var definition) ? [] : ProfileLabels(definition.Profiles);
    }

    /// <summary>The labels the listed profiles apply, the first profile's first.</summary>
    private (string Key, string Value)[] ProfileLabels(ValueArray<string> profiles)
    {
        var result = new List<(string Key, string Value)>();
        foreach (var profile in profiles)
        {
            foreach (var label in _profileLabels.GetValueOrDefault(profile) ?? LabelSet.Empty)
            {
                if (!result.Exists(r => r.Key == label.Key))
                {
                    result.Add((label.Key, label.Value));
                }
            }
        }

        return [.. result];
    }

    /// <summary>A namespace's labels as a namespaceSelector sees them.</summary>
    public static IReadOnlyDictionary<string, string> NamespaceLabelsOf(LabelSet labels) =>
        labels.TryGetValue(Namespace.NameLabel, out var name) ? new Overlay(labels, [(NameLabel, name)], []) : labels;

    /// <summary>The labels of the service account a workload runs as (none when the manifests do not define it).</summary>
    public LabelSet AccountLabelsOf(Workload workload) => _accounts.GetValueOrDefault((workload.Namespace, AccountOf(workload))) ?? LabelSet.Empty;

    /// <summary>A network set's labels as selectors see them.</summary>
    public static IReadOnlyDictionary<string, string> LabelsOf(CalicoNetworkSet set) =>
        set.Namespace is null ? set.Labels : new Overlay(set.Labels, [(NamespaceLabel, set.Namespace)], []);

    /// <summary>
    /// Whether a workload's addresses all lie in <paramref name="addresses"/>; a workload whose addresses
    /// the manifests do not give is taken in only by a set that covers a whole address family.
    /// </summary>
    public static bool AddressesWithin(Workload workload, AddressSet addresses) => workload.Addresses.IsEmpty
        ? addresses.Contains(AddressRange.AllV4) || addresses.Contains(AddressRange.AllV6)
        : workload.Addresses.All(a => addresses.Contains(a.Range));

    /// <summary>Labels with a few more that take precedence (<paramref name="extra"/>) and a few that give way (<paramref name="below"/>), without copying the set.</summary>
    private sealed class Overlay(LabelSet inner, (string Key, string Value)[] extra, (string Key, string Value)[] below) : IReadOnlyDictionary<string, string>
    {
        public string this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

        public IEnumerable<string> Keys => this.Select(p => p.Key);

        public IEnumerable<string> Values => this.Select(p => p.Value);

        public int Count => Enumerable.Count(this);

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value)
        {
            foreach (var (k, v) in extra)
            {
                if (string.Equals(k, key, StringComparison.Ordinal))
                {
                    value = v;
                    return true;
                }
            }

            if (inner.TryGetValue(key, out value))
            {
                return true;
            }

            foreach (var (k, v) in below)
            {
                if (string.Equals(k, key, StringComparison.Ordinal))
                {
                    value = v;
                    return true;
                }
            }

            return false;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
            extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value))
                .Concat(inner.Where(p => !extra.Any(e => e.Key == p.Key)))
                .Concat(below.Where(b => !extra.Any(e => e.Key == b.Key) && !inner.ContainsKey(b.Key)).Select(b => new KeyValuePair<string, string>(b.Key, b.Value)))
                .GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
