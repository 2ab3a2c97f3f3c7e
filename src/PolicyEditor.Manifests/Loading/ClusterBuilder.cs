using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Manifests.Loading;

/// <summary>
/// Gathers the objects read from all inputs into one cluster: groups pods under their owners, adds
/// namespaces that are referenced but not defined, and reports duplicates (the first definition wins).
/// A workload made by another one that was loaded too (a Deployment's ReplicaSet, a CronJob's Job, as
/// <c>kubectl get all</c> or a live cluster gives them) is folded into its owner, and so are its pods.
/// </summary>
internal sealed class ClusterBuilder(List<Diagnostic> diagnostics)
{
    private readonly Dictionary<string, Namespace> _namespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Workload> _workloads = new(StringComparer.Ordinal);
    private readonly List<PodDraft> _pods = [];
    private readonly Dictionary<string, (string Kind, string Name)> _owners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NetworkPolicy> _policies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AdminNetworkPolicy> _admin = new(StringComparer.Ordinal);
    private readonly Dictionary<PolicyKey, IPolicyResource> _others = [];
    private readonly Dictionary<string, Service> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Exposure> _exposures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _loaded = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _skipped = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServiceAccount> _serviceAccounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Engine.Intents.ClientIntents> _intents = new(StringComparer.Ordinal);
    private BaselineAdminNetworkPolicy? _baseline;

    public void Skipped(string kind) => _skipped[kind] = _skipped.GetValueOrDefault(kind) + 1;

    public void AddNamespace(Namespace ns, SourceLocation at) => Add(_namespaces, ns.Name, ns, "Namespace", ns.Name, at);

    public void AddWorkload(Workload workload, SourceLocation at, string? ownerKind = null, string? ownerName = null)
    {
        Add(_workloads, workload.Id, workload, workload.Kind, $"{workload.Namespace}/{workload.Name}", at, LoadResult.KeyOf(workload));
        if (ownerKind is not null && ownerName is not null)
        {
            _owners.TryAdd(workload.Id, (ownerKind, ownerName));
        }
    }

    public void AddPod(PodDraft pod)
    {
        _pods.Add(pod);
        Count("Pod");
    }

    public void AddPolicy(NetworkPolicy policy, SourceLocation at) =>
        Add(_policies, policy.Id, policy, "NetworkPolicy", policy.Id, at, LoadResult.KeyOf(policy));

    public void AddAdmin(AdminNetworkPolicy policy, SourceLocation at) =>
        Add(_admin, policy.Name, policy, "AdminNetworkPolicy", policy.Name, at);

    public void AddBaseline(BaselineAdminNetworkPolicy policy, SourceLocation at)
    {
        if (_baseline is not null)
        {
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, at.File, at.Line, at.Column, $"BaselineAdminNetworkPolicy/{policy.Name}", null,
                $"a cluster has a single BaselineAdminNetworkPolicy; {_baseline.Name} defined at {_locations[$"BaselineAdminNetworkPolicy/{_baseline.Name}"]} is kept and this one is ignored."));
            return;
        }

        _baseline = policy;
        _locations[$"BaselineAdminNetworkPolicy/{policy.Name}"] = at;
        Count("BaselineAdminNetworkPolicy");
    }

    /// <summary>A policy of a kind without a field of its own in the cluster (<see cref="Cluster.OtherPolicies"/>), by its key.</summary>
    public void AddOtherPolicy(IPolicyResource policy, SourceLocation at) =>
        Add(_others, policy.Key, policy, policy.Kind, policy.Namespace is null ? policy.Name : $"{policy.Namespace}/{policy.Name}", at);

    public void AddServiceAccount(ServiceAccount account, SourceLocation at) =>
        Add(_serviceAccounts, account.ToString(), account, "ServiceAccount", account.ToString(), at);

    public void AddService(Service service, SourceLocation at) =>
        Add(_services, $"{service.Namespace}/{service.Name}", service, "Service", $"{service.Namespace}/{service.Name}", at);

    public void AddExposure(Exposure exposure, SourceLocation at) =>
        Add(_exposures, $"{exposure.Kind}/{exposure.Namespace}/{exposure.Name}", exposure, exposure.Kind.ToString(), $"{exposure.Namespace}/{exposure.Name}", at);

    public void AddIntents(Engine.Intents.ClientIntents intents, SourceLocation at) =>
        Add(_intents, intents.Id, intents, "ClientIntents", intents.Id, at);

    public LoadResult Build()
    {
        var folded = FoldOwnedWorkloads();
        GroupPods(folded);
        foreach (var ns in _workloads.Values.Select(w => w.Namespace)
                     .Concat(_policies.Values.Select(p => p.Namespace))
                     .Concat(_services.Values.Select(s => s.Namespace))
                     .Concat(_others.Values.Select(o => o.Namespace).OfType<string>()))
        {
            if (!_namespaces.ContainsKey(ns))
            {
                _namespaces[ns] = new Namespace(ns);
            }
        }

        var cluster = new Cluster(
            _namespaces.Values.OrderBy(n => n.Name, StringComparer.Ordinal).ToValueArray(),
            _workloads.Values.OrderBy(w => w.Id, StringComparer.Ordinal).ToValueArray(),
            _policies.Values.ToValueArray(),
            _admin.Values.ToValueArray(),
            _baseline,
            _services.Values.ToValueArray(),
            _exposures.Values.ToValueArray())
        {
            OtherPolicies = _others.Values.ToValueArray(),
            ServiceAccounts = _serviceAccounts.Values.ToValueArray(),
            Intents = _intents.Values.ToValueArray(),
        };
        return new LoadResult(cluster, diagnostics, _locations, _loaded, _skipped);
    }

    /// <summary>
    /// Removes each workload whose owner (through any chain: Job, CronJob) was loaded as well, since the
    /// owner's template describes the same pods; gives the owner's id for each removed one.
    /// </summary>
    private Dictionary<string, string> FoldOwnedWorkloads()
    {
        var folded = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in _owners.Keys)
        {
            var ns = _workloads[id].Namespace;
            var top = id;
            for (var hops = 0; hops < 8 && _owners.TryGetValue(top, out var owner); hops++)
            {
                var parent = $"{ns}/{owner.Name}[{owner.Kind}]";
                if (!_workloads.ContainsKey(parent))
                {
                    break;
                }

                top = parent;
            }

            if (top != id)
            {
                folded[id] = top;
            }
        }

        foreach (var id in folded.Keys)
        {
            _workloads.Remove(id);
        }

        return folded;
    }

    /// <summary>
    /// The workload a pod belongs to: its owner, or the owner's owner when the owner was folded; a pod of a
    /// Deployment's ReplicaSet that was not loaded belongs to the Deployment when it was (the ReplicaSet is
    /// named after the Deployment and the pod template hash, which the pod carries as a label).
    /// </summary>
    private (string Id, string Name, string Kind) OwnerOf(PodDraft pod, Dictionary<string, string> folded)
    {
        var kind = pod.OwnerName is null ? "Pod" : pod.OwnerKind ?? "Pod";
        var name = pod.OwnerName ?? pod.Name;
        var id = $"{pod.Namespace}/{name}[{kind}]";
        if (folded.TryGetValue(id, out var owner))
        {
            return (owner, name, kind);
        }

        if (kind == "ReplicaSet" && !_workloads.ContainsKey(id) && pod.Template.Labels.TryGetValue("pod-template-hash", out var hash)
            && pod.OwnerName!.EndsWith($"-{hash}", StringComparison.Ordinal))
        {
            var deployment = $"{pod.Namespace}/{pod.OwnerName[..^(hash.Length + 1)]}[Deployment]";
            if (_workloads.ContainsKey(deployment))
            {
                return (deployment, name, kind);
            }
        }

        return (id, name, kind);
    }

    private void GroupPods(Dictionary<string, string> folded)
    {
        foreach (var group in _pods.GroupBy(p => OwnerOf(p, folded)))
        {
            var first = group.First();
            var id = group.Key.Id;
            if (_workloads.ContainsKey(id))
            {
                // The owner itself was loaded with its pod template; its pods add nothing.
                continue;
            }

            foreach (var other in group.Skip(1).Where(p => !p.Template.Labels.Equals(first.Template.Labels)))
            {
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Info, other.Location.File, other.Location.Line, other.Location.Column, $"Pod/{other.Namespace}/{other.Name}", "metadata.labels",
                    $"pods of {id} have different labels; the workload is evaluated with the labels of pod {first.Name}."));
            }

            var ports = group.SelectMany(p => p.Template.Ports).Distinct().ToValueArray();

            // A pod given both as a Pod and as the WorkloadEndpoints Calico made for it takes its profiles from the
            // endpoints, whichever came first: they are Calico's record of what the pod runs with.
            var endpoints = group.Where(p => p.Template.CalicoEndpoint is not null).ToList();
            var workload = new Workload(first.Namespace, group.Key.Name, group.Key.Kind, first.Template.Labels, ports)
            {
                ServiceAccount = group.Select(p => p.Template.ServiceAccount).FirstOrDefault(a => a is not null),
                CalicoProfiles = (endpoints.FirstOrDefault() ?? first).Template.CalicoProfiles,
                CalicoEndpoints = endpoints.Count == 0 ? (ValueArray<Engine.Model.Calico.CalicoWorkloadEndpoint>?)null : endpoints.Select(p => p.Template.CalicoEndpoint!).ToValueArray(),
                PodBesideCalicoEndpoints = endpoints.Count > 0 && endpoints.Count < group.Count(),
                Addresses = group.SelectMany(p => p.Template.Addresses).Distinct().ToValueArray(),
                IdentityName = first.IdentityName,
            };
            _workloads[id] = workload;
            _locations[LoadResult.KeyOf(workload)] = first.Location;
        }
    }

    private void Add<TKey, T>(Dictionary<TKey, T> map, TKey key, T value, string kind, string name, SourceLocation at, string? locationKey = null)
        where TKey : notnull
    {
        locationKey ??= $"{kind}/{name}";
        if (map.ContainsKey(key))
        {
            var first = _locations.GetValueOrDefault(locationKey);
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, at.File, at.Line, at.Column, $"{kind}/{name}", "metadata.name",
                $"{kind} {name} is defined twice; the first definition{(first is null ? string.Empty : $" at {first}")} is kept and this one is ignored."));
            return;
        }

        map[key] = value;
        _locations[locationKey] = at;
        Count(kind);
    }

    private void Count(string kind) => _loaded[kind] = _loaded.GetValueOrDefault(kind) + 1;
}
