using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>
/// Who a policy peer stands for, compiled from a NetworkPolicy peer or an admin policy peer: pods
/// (chosen by namespace and pod selectors), or addresses outside the cluster.
/// </summary>
internal sealed class PeerMatcher
{
    private readonly object _source;

    private PeerMatcher(int id, object source, string? ownNamespace, LabelSelector? namespaceSelector, LabelSelector? podSelector, AddressSet? addresses, bool matchesNothing,
        Func<Workload, LabelSet, bool>? where = null, bool addressesMatchPods = false, Func<Endpoint, bool>? others = null, bool othersDecideHosts = false)
    {
        OthersDecideHosts = othersDecideHosts;
        Others = others;
        Where = where;
        AddressesMatchPods = addressesMatchPods;
        Id = id;
        _source = source;
        OwnNamespace = ownNamespace;
        NamespaceSelector = namespaceSelector;
        PodSelector = podSelector;
        Addresses = addresses;
        MatchesNothing = matchesNothing;
    }

    /// <summary>A number unique among the peers of one compilation, for indexing per-peer data.</summary>
    public int Id { get; }

    /// <summary>The peer in words, for explanations (written on demand: compiling thousands of policies should not build strings).</summary>
    public string Description => _source.ToString()!;

    /// <summary>When set, the peer's pods must be in this namespace (a NetworkPolicy podSelector without namespaceSelector).</summary>
    public string? OwnNamespace { get; }

    /// <summary>The namespaces the pods must be in (null: <see cref="OwnNamespace"/>).</summary>
    public LabelSelector? NamespaceSelector { get; }

    /// <summary>The pods (null: every pod of the namespaces).</summary>
    public LabelSelector? PodSelector { get; }

    /// <summary>For an address peer, the addresses; null for a pod peer.</summary>
    public AddressSet? Addresses { get; }

    /// <summary>True for a peer this model cannot match (admin policy nodes).</summary>
    public bool MatchesNothing { get; }

    /// <summary>A further condition on the pods beyond the selectors (a vendor dialect's selector expression, service accounts).</summary>
    public Func<Workload, LabelSet, bool>? Where { get; }

    /// <summary>For a peer of special endpoints or DNS names (Cilium's entities and <c>toFQDNs</c>), which of them it takes in.</summary>
    public Func<Endpoint, bool>? Others { get; }

    /// <summary>True when the peer's dialect decides host endpoints itself (through <see cref="Others"/>), so its addresses do not take them in.</summary>
    public bool OthersDecideHosts { get; }

    /// <summary>True when the addresses also take in pods (admin <c>networks</c>): by their addresses, or, with none known, when the set covers their whole family.</summary>
    public bool AddressesMatchPods { get; }

    /// <summary>True when the peer chooses pods.</summary>
    public bool IsPods => Addresses is null && !MatchesNothing;

    /// <summary>True when some workload can be the peer: a pod peer, or addresses that take in pods.</summary>
    public bool SelectsWorkloads => IsPods || AddressesMatchPods;

    /// <summary>True when the peer's workloads are chosen by selectors alone (the indexed case).</summary>
    public bool IsPlainSelector => IsPods && Where is null;

    /// <summary>
    /// True when the peer stands for every pod of every namespace, which is the only kind of pod peer the
    /// ingress controller (a pod in a namespace this model does not know) is sure to match.
    /// </summary>
    public bool MatchesEveryPod => IsPods
        ? Where is null && OwnNamespace is null && NamespaceSelector is { IsEmpty: true } && (PodSelector is null || PodSelector.IsEmpty)
        : AddressesMatchPods && CoversAFamily;

    /// <summary>True when the addresses cover all of IPv4 or all of IPv6 (what a pod without a known address is matched by).</summary>
    private bool CoversAFamily => Addresses is not null && (Addresses.Contains(AddressRange.AllV4) || Addresses.Contains(AddressRange.AllV6));

    /// <summary>Compiles a program peer: one matcher, or two when it names both workloads and addresses.</summary>
    public static PeerMatcher[] From(Program.ProgramPeer peer, Func<int> nextId)
    {
        var result = new List<PeerMatcher>(1);
        if (peer.Workloads is { } w)
        {
            result.Add(new PeerMatcher(nextId(), peer, w.OwnNamespace, w.OwnNamespace is null ? w.Namespaces ?? LabelSelector.Everything : null, w.Pods, null, false, w.Where));
        }

        if (peer.Addresses is not null)
        {
            result.Add(new PeerMatcher(nextId(), peer, null, null, null, peer.Addresses, false, null, peer.AddressesMatchPods, null, peer.Others is not null));
        }

        if (peer.Others is not null)
        {
            result.Add(new PeerMatcher(nextId(), peer, null, null, null, null, true, null, false, peer.Others));
        }

        if (result.Count == 0)
        {
            result.Add(new PeerMatcher(nextId(), peer, null, null, null, null, true));
        }

        return [.. result];
    }

    /// <summary>Compiles a NetworkPolicy peer of a policy in <paramref name="policyNamespace"/>.</summary>
    public static PeerMatcher From(NetworkPolicyPeer peer, string policyNamespace, int id)
    {
        if (peer.IpBlock is not null)
        {
            return new PeerMatcher(id, peer, null, null, null, peer.IpBlock.Addresses, false);
        }

        if (peer.NamespaceSelector is null)
        {
            return new PeerMatcher(id, peer, policyNamespace, null, peer.PodSelector ?? LabelSelector.Everything, null, false);
        }

        return new PeerMatcher(id, peer, null, peer.NamespaceSelector, peer.PodSelector, null, false);
    }

    /// <summary>Compiles an admin policy peer.</summary>
    public static PeerMatcher From(AdminPeer peer, int id)
    {
        if (peer.Namespaces is not null)
        {
            return new PeerMatcher(id, peer, null, peer.Namespaces, null, null, false);
        }

        if (peer.PodSelector is not null)
        {
            return new PeerMatcher(id, peer, null, peer.PodNamespaceSelector ?? LabelSelector.Everything, peer.PodSelector, null, false);
        }

        if (!peer.Networks.IsEmpty)
        {
            return new PeerMatcher(id, peer, null, null, null, peer.Addresses, false);
        }

        return new PeerMatcher(id, peer, null, null, null, null, true);
    }

    /// <summary>Whether a workload in a namespace with <paramref name="namespaceLabels"/> is the peer.</summary>
    public bool MatchesWorkload(Workload workload, LabelSet namespaceLabels)
    {
        if (AddressesMatchPods)
        {
            if (workload.Addresses.IsEmpty)
            {
                return CoversAFamily;
            }

            // A loop, not All(lambda): rows ask this of every pod with an address for every admin networks peer.
            foreach (var address in workload.Addresses)
            {
                if (!Addresses!.Contains(address.Range))
                {
                    return false;
                }
            }

            return true;
        }

        if (!IsPods)
        {
            return false;
        }

        if (OwnNamespace is not null)
        {
            if (!string.Equals(OwnNamespace, workload.Namespace, StringComparison.Ordinal))
            {
                return false;
            }
        }
        else if (NamespaceSelector is not null && !NamespaceSelector.Matches(namespaceLabels))
        {
            return false;
        }

        return (PodSelector is null || PodSelector.Matches(workload.Labels)) && (Where is null || Where(workload, namespaceLabels));
    }

    /// <summary>Whether a namespace could hold pods of the peer (pod selector aside).</summary>
    public bool MatchesNamespace(string name, LabelSet namespaceLabels) =>
        AddressesMatchPods || IsPods && (OwnNamespace is not null ? string.Equals(OwnNamespace, name, StringComparison.Ordinal) : NamespaceSelector!.Matches(namespaceLabels));

    /// <summary>Whether the peer takes in every address of <paramref name="range"/>.</summary>
    public bool MatchesAddresses(AddressRange range) => Addresses is not null && Addresses.Contains(range);

    /// <summary>Whether <paramref name="endpoint"/> is the peer.</summary>
    public bool Matches(Endpoint endpoint, NamespaceDirectory namespaces) => endpoint switch
    {
        WorkloadEndpoint w => MatchesWorkload(w.Workload, namespaces.LabelsOf(w.Workload.Namespace)),
        ExternalEndpoint e => MatchesAddresses(e.Range),
        SpecialEndpoint => Others?.Invoke(endpoint) ?? false,
        // A host endpoint is taken in by the peers that name it, else by addresses holding every address it is known by.
        HostEndpoint h => Others?.Invoke(endpoint) ?? (!OthersDecideHosts && Addresses is not null && h.LiesWithin(Addresses)),
        // A DNS name's addresses are unknown: only a set covering its whole address family surely holds them.
        DnsEndpoint => Others?.Invoke(endpoint) ?? (Addresses is not null && CoversAFamily),
        _ => MatchesEveryPod,
    };

    /// <inheritdoc />
    public override string ToString() => Description;
}
