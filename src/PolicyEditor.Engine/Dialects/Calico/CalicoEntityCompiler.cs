using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Dialects.Calico;

/// <summary>
/// Compiles a rule's source or destination (<see cref="CalicoEntityRule"/>) into what it takes in: a
/// condition on workloads (every field ANDed: selectors, namespaces, service accounts, services, and
/// nets against the pods' addresses) and the addresses outside the cluster it takes in (every address
/// unless selectors narrow it to the nets of the network sets they match). In a namespaced policy, a
/// selector, notSelector or serviceAccounts without namespaceSelector looks in the policy's namespace only.
/// </summary>
internal sealed class CalicoEntityCompiler(CalicoEndpoints endpoints, IReadOnlyDictionary<string, LabelSet> namespaceLabels)
{
    /// <summary>What Calico's selectors see of the cluster.</summary>
    public CalicoEndpoints Endpoints => endpoints;

    // Equal entities of equal scope compile once: their peers then share what they take in (see SelectorMembership).
    private readonly Dictionary<(CalicoEntityRule, string?, int?), EntityMatch> _compiled = [];

    /// <summary>
    /// A condition on workloads (null: none can match), the outside addresses taken in, the one namespace the workloads
    /// must be in (null: any), and what the matching pods and their namespaces must carry (<see cref="CalicoIndexHint"/>; null: no hint).
    /// <see cref="Exact"/>: the namespace, <see cref="Namespaces"/> and <see cref="Pods"/> say all that the condition says.
    /// </summary>
    public readonly record struct EntityMatch(Func<Workload, LabelSet, bool>? Workloads, AddressSet Addresses, string? Namespace = null, LabelSelector? Namespaces = null, LabelSelector? Pods = null, bool Exact = false)
    {
        /// <summary>
        /// The condition on host endpoints (asked of <see cref="Evaluation.HostEndpoint.AsWorkload"/>); null: none can match, as for
        /// a namespaced scope, a namespaceSelector (but <c>global()</c>), service accounts or services, which only pods have.
        /// </summary>
        public Func<Workload, LabelSet, bool>? Hosts { get; init; }
    }

    /// <summary>Compiles <paramref name="entity"/> of a rule of a policy in <paramref name="policyNamespace"/> (null: global).</summary>
    public EntityMatch Compile(CalicoEntityRule entity, string? policyNamespace, int? ipVersion)
    {
        // With a namespaceSelector (and no services, which default to the policy's namespace) the policy's namespace plays no part.
        var key = (entity, entity.NamespaceSelector is not null && entity.Services is null ? null : policyNamespace, ipVersion);
        if (!_compiled.TryGetValue(key, out var match))
        {
            match = _compiled[key] = CompileOnce(entity, policyNamespace, ipVersion);
        }

        return match;
    }

    private EntityMatch CompileOnce(CalicoEntityRule entity, string? policyNamespace, int? ipVersion)
    {
        var scoped = entity.NamespaceSelector is null && policyNamespace is not null
            && (entity.Selector is not null || entity.NotSelector is not null || entity.ServiceAccounts is not null);
        var sets = SetsInScope(entity.NamespaceSelector, policyNamespace);
        var selectorSets = entity.Selector is { } s ? Union(sets.Where(n => s.Matches(CalicoEndpoints.LabelsOf(n), n.Namespace is null))) : AddressSet.Empty;
        var notSelectorSets = entity.NotSelector is { } ns ? Union(sets.Where(n => ns.Matches(CalicoEndpoints.LabelsOf(n), n.Namespace is null))) : AddressSet.Empty;
        var nets = Union(entity.Nets);
        var notNets = Union(entity.NotNets);
        var family = ipVersion is null ? AddressSet.All : AddressSet.Of(ipVersion == 6 ? AddressRange.AllV6 : AddressRange.AllV4);
        var service = entity.Services is { } svc ? FindService(svc, policyNamespace) : null;

        var conditions = new List<Func<Workload, LabelSet, bool>>();
        // Host endpoints have no namespace, service account or Service; Calico resolves a selector to a host endpoint through its expectedIPs only.
        var hosts = new List<Func<Workload, LabelSet, bool>>();
        var hostsPossible = !scoped && entity.ServiceAccounts is null && entity.Services is null
            && (entity.NamespaceSelector is null || entity.NamespaceSelector.SelectsNonNamespaced);
        if (entity.Selector is not null || entity.NotSelector is not null)
        {
            hosts.Add(static (w, _) => !w.Addresses.IsEmpty);
        }

        if (entity.NamespaceSelector is { } nsSelector)
        {
            conditions.Add((w, nsl) => nsSelector.Matches(CalicoEndpoints.NamespaceLabelsOf(nsl)));
        }
        else if (scoped)
        {
            var own = policyNamespace!;
            conditions.Add((w, _) => string.Equals(w.Namespace, own, StringComparison.Ordinal));
        }

        // The namespace conditions come first: host endpoints take the others only.
        var namespaceConditions = conditions.Count;

        if (entity.Selector is { } selector)
        {
            conditions.Add((w, _) => selector.Matches(endpoints.LabelsOf(w))
                || (!selectorSets.IsEmpty && !w.Addresses.IsEmpty && CalicoEndpoints.AddressesWithin(w, selectorSets)));
        }

        if (entity.NotSelector is { } notSelector)
        {
            conditions.Add((w, _) => !(notSelector.Matches(endpoints.LabelsOf(w))
                || (!notSelectorSets.IsEmpty && !w.Addresses.IsEmpty && CalicoEndpoints.AddressesWithin(w, notSelectorSets))));
        }

        if (entity.ServiceAccounts is { } accounts)
        {
            if (!accounts.Names.IsEmpty)
            {
                conditions.Add((w, _) => accounts.Names.Contains(CalicoEndpoints.AccountOf(w)));
            }

            if (accounts.Selector is { } accountSelector)
            {
                conditions.Add((w, _) => accountSelector.Matches(endpoints.AccountLabelsOf(w)));
            }
        }

        if (entity.Services is not null)
        {
            if (service?.Selector is { } podSelector)
            {
                var serviceNamespace = service.Namespace;
                conditions.Add((w, _) => string.Equals(w.Namespace, serviceNamespace, StringComparison.Ordinal) && podSelector.Matches(w.Labels));
            }
            else
            {
                conditions.Add((_, _) => false);
            }
        }

        if (!entity.Nets.IsEmpty)
        {
            conditions.Add((w, _) => CalicoEndpoints.AddressesWithin(w, nets));
        }

        if (!entity.NotNets.IsEmpty)
        {
            conditions.Add((w, _) => !(w.Addresses.IsEmpty
                ? notNets.Contains(AddressRange.AllV4) || notNets.Contains(AddressRange.AllV6)
                : w.Addresses.Any(a => notNets.Contains(a.Range))));
        }

        if (ipVersion is { } version)
        {
            var wanted = version == 6 ? IpFamily.V6 : IpFamily.V4;
            conditions.Add((w, _) => w.Addresses.IsEmpty || w.Addresses.Any(a => a.Family == wanted));
        }

        // The label and address conditions hold for host endpoints as for pods (the namespace, account and service ones never do).
        hosts.AddRange(conditions.Skip(namespaceConditions));

        // Outside the cluster: every address, unless the entity picks endpoints by what they are.
        AddressSet addresses;
        if (entity.ServiceAccounts is not null || entity.Services is not null)
        {
            addresses = AddressSet.Empty;
        }
        else if (entity.Selector is not null)
        {
            addresses = selectorSets;
        }
        else if (entity.NamespaceSelector is not null)
        {
            addresses = Union(sets);
        }
        else
        {
            addresses = AddressSet.All;
        }

        addresses = addresses.Subtract(notSelectorSets).Intersect(family);
        if (!entity.Nets.IsEmpty)
        {
            addresses = addresses.Intersect(nets);
        }

        addresses = addresses.Subtract(notNets);
        // A selector also takes in pods by the addresses of the network sets it matches (when some pod has an address
        // within them), and by the labels profiles apply: then a pod's own labels give no hint.
        var ownLabels = !endpoints.AnyPodWithin(selectorSets) && !endpoints.AppliesProfileLabels;
        var pods = ownLabels ? CalicoIndexHint.Of(entity.Selector) : null;

        // Selectors on the labels Kubernetes gives, in a namespace or namespaces so chosen, are said exactly by label selectors.
        var exactNamespaces = entity.NamespaceSelector is { } n ? CalicoIndexHint.Exactly(n) : null;
        var exactPods = entity.Selector is { } p && ownLabels ? CalicoIndexHint.Exactly(p) : null;
        var exact = (entity.NamespaceSelector is null || exactNamespaces is not null) && (entity.Selector is null || exactPods is not null)
            && entity.NotSelector is null && entity.ServiceAccounts is null && entity.Services is null
            && entity.Nets.IsEmpty && entity.NotNets.IsEmpty && ipVersion is null;
        return new EntityMatch(All(conditions), addresses, scoped ? policyNamespace : null, exactNamespaces ?? CalicoIndexHint.Of(entity.NamespaceSelector), exactPods ?? pods, exact)
        {
            Hosts = hostsPossible && endpoints.HasHosts ? All(hosts) : null,
        };
    }

    /// <summary>The condition all of <paramref name="conditions"/> make (null for none means every workload: returns an always-true condition).</summary>
    private static Func<Workload, LabelSet, bool> All(List<Func<Workload, LabelSet, bool>> conditions) => conditions.Count switch
    {
        0 => static (_, _) => true,
        1 => conditions[0],
        _ => (w, nsl) =>
        {
            foreach (var c in conditions)
            {
                if (!c(w, nsl))
                {
                    return false;
                }
            }

            return true;
        },
    };

    /// <summary>The Service a rule's <c>services</c> names (its namespace defaults to the policy's), if the manifests define it.</summary>
    public Service? FindService(CalicoServiceMatch match, string? policyNamespace)
    {
        var ns = match.Namespace ?? policyNamespace ?? "default";
        return endpoints.Services.FirstOrDefault(s => s.Namespace == ns && s.Name == match.Name);
    }

    /// <summary>The network sets a selector of the rule can see: those of the selected namespaces (and global ones when the namespace selector takes in <c>global()</c>), of the policy's namespace, or all for a global policy.</summary>
    private IEnumerable<CalicoNetworkSet> SetsInScope(CalicoSelector? namespaceSelector, string? policyNamespace)
    {
        if (namespaceSelector is not null)
        {
            return endpoints.NetworkSets.Where(n => n.Namespace is null
                ? namespaceSelector.SelectsNonNamespaced
                : namespaceSelector.Matches(CalicoEndpoints.NamespaceLabelsOf(namespaceLabels.GetValueOrDefault(n.Namespace) ?? new Namespace(n.Namespace).Labels)));
        }

        return policyNamespace is null ? endpoints.NetworkSets : endpoints.NetworkSets.Where(n => n.Namespace == policyNamespace);
    }

    private static AddressSet Union(IEnumerable<CalicoNetworkSet> sets) => sets.Aggregate(AddressSet.Empty, (a, s) => a.Union(s.Addresses));

    private static AddressSet Union(ValueArray<Cidr> nets) => AddressSet.FromRanges(nets.Select(n => n.Range));
}
