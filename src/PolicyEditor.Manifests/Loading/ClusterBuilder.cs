using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Manifests.Loading;

/// <summary>
/// Gathers the objects read from all inputs into one cluster: groups pods under their owners, adds
/// namespaces that are referenced but not defined, and reports duplicates (the first definition wins).
/// </summary>
internal sealed class ClusterBuilder(List<Diagnostic> diagnostics)
{
    private readonly Dictionary<string, Namespace> _namespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Workload> _workloads = new(StringComparer.Ordinal);
    private readonly List<PodDraft> _pods = [];
    private readonly Dictionary<string, NetworkPolicy> _policies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AdminNetworkPolicy> _admin = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Service> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Exposure> _exposures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _loaded = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _skipped = new(StringComparer.Ordinal);
    private BaselineAdminNetworkPolicy? _baseline;

    public void Skipped(string kind) => _skipped[kind] = _skipped.GetValueOrDefault(kind) + 1;

    public void AddNamespace(Namespace ns, SourceLocation at) => Add(_namespaces, ns.Name, ns, "Namespace", ns.Name, at);

    public void AddWorkload(Workload workload, SourceLocation at) =>
        Add(_workloads, workload.Id, workload, workload.Kind, $"{workload.Namespace}/{workload.Name}", at, LoadResult.KeyOf(workload));

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

    public void AddService(Service service, SourceLocation at) =>
        Add(_services, $"{service.Namespace}/{service.Name}", service, "Service", $"{service.Namespace}/{service.Name}", at);

    public void AddExposure(Exposure exposure, SourceLocation at) =>
        Add(_exposures, $"{exposure.Kind}/{exposure.Namespace}/{exposure.Name}", exposure, exposure.Kind.ToString(), $"{exposure.Namespace}/{exposure.Name}", at);

    public LoadResult Build()
    {
        GroupPods();
        foreach (var ns in _workloads.Values.Select(w => w.Namespace)
                     .Concat(_policies.Values.Select(p => p.Namespace))
                     .Concat(_services.Values.Select(s => s.Namespace)))
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
            _exposures.Values.ToValueArray());
        return new LoadResult(cluster, diagnostics, _locations, _loaded, _skipped);
    }

    private void GroupPods()
    {
        foreach (var group in _pods.GroupBy(p => (p.Namespace, Kind: p.OwnerName is null ? "Pod" : p.OwnerKind ?? "Pod", Name: p.OwnerName ?? p.Name)))
        {
            var first = group.First();
            var id = $"{group.Key.Namespace}/{group.Key.Name}[{group.Key.Kind}]";
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
            var workload = new Workload(group.Key.Namespace, group.Key.Name, group.Key.Kind, first.Template.Labels, ports);
            _workloads[id] = workload;
            _locations[LoadResult.KeyOf(workload)] = first.Location;
        }
    }

    private void Add<T>(Dictionary<string, T> map, string key, T value, string kind, string name, SourceLocation at, string? locationKey = null)
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
