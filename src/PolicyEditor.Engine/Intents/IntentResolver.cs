using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Intents;

/// <summary>
/// Resolves clients and targets of ClientIntents to workloads the way Otterize documents it: a workload's
/// name is its pods' <c>intents.otterize.com/workload-name</c> annotation, else the name of the root owner
/// (the Deployment, StatefulSet, ... or the pod itself); a target <c>name.namespace</c> lives in that
/// namespace, a bare name in the client's; a kind narrows the match, and kind <c>Service</c> means the
/// pods a Kubernetes Service selects.
/// </summary>
public sealed class IntentResolver
{
    private readonly Cluster _cluster;
    private readonly Dictionary<(string Namespace, string Name), List<Workload>> _byIdentity = [];
    private readonly Dictionary<(string Namespace, string Name), Service> _services = [];

    /// <summary>Indexes the cluster's workloads and Services.</summary>
    public IntentResolver(Cluster cluster)
    {
        _cluster = cluster;
        foreach (var w in cluster.Workloads)
        {
            var key = (w.Namespace, IdentityOf(w));
            if (!_byIdentity.TryGetValue(key, out var list))
            {
                _byIdentity[key] = list = [];
            }

            list.Add(w);
        }

        foreach (var s in cluster.Services)
        {
            _services[(s.Namespace, s.Name)] = s;
        }
    }

    /// <summary>The name Otterize knows a workload by.</summary>
    public static string IdentityOf(Workload workload) => workload.IdentityName ?? workload.Name;

    /// <summary>The workloads a client or target names in a namespace (all kinds when <paramref name="kind"/> is null).</summary>
    public IReadOnlyList<Workload> Workloads(string ns, string name, string? kind) =>
        _byIdentity.TryGetValue((ns, name), out var list)
            ? kind is null ? list : list.Where(w => string.Equals(w.Kind, kind, StringComparison.OrdinalIgnoreCase)).ToList()
            : [];

    /// <summary>The Service of that namespace and name, if loaded.</summary>
    public Service? FindService(string ns, string name) => _services.GetValueOrDefault((ns, name));

    /// <summary>Every declared call of the cluster, resolved.</summary>
    public IReadOnlyList<ResolvedCall> ResolveAll() =>
        [.. _cluster.Intents.SelectMany(i => i.Calls.Select(c => Resolve(i, c)))];

    /// <summary>One declared call, resolved.</summary>
    public ResolvedCall Resolve(ClientIntents intents, IntentCall call)
    {
        var clients = Workloads(intents.Namespace, intents.Client.Name, intents.Client.Kind);
        if (clients.Count == 0)
        {
            return new ResolvedCall(intents, call, clients, [], $"no workload in namespace {intents.Namespace} is named {intents.Client} (by its root owner or its intents.otterize.com/workload-name annotation).");
        }

        if (!call.IsNetworkCall)
        {
            return new ResolvedCall(intents, call, clients, [], null);
        }

        if (call.Type == IntentCallType.Internet)
        {
            return new ResolvedCall(intents, call, clients, InternetTargets(call.Internet), null);
        }

        var ns = call.TargetNamespace(intents.Namespace);
        var name = call.TargetName;
        if (call.Type == IntentCallType.Service || string.Equals(call.Kind, "Service", StringComparison.Ordinal))
        {
            var service = FindService(ns, name);
            if (service is null)
            {
                return new ResolvedCall(intents, call, clients, [], $"Service {ns}/{name} is not among the loaded objects.");
            }

            var selected = SelectedBy(service);
            return selected.Count == 0
                ? new ResolvedCall(intents, call, clients, [], $"Service {ns}/{name} selects no loaded workload.")
                : new ResolvedCall(intents, call, clients, [.. selected.Select(w => new ResolvedTarget(Endpoint.Of(w), service, ServicePorts(service, w)))], null);
        }

        var targets = Workloads(ns, name, call.Kind);
        return targets.Count == 0
            ? new ResolvedCall(intents, call, clients, [], $"no workload in namespace {ns} is named {name}{(call.Kind is null ? string.Empty : $" ({call.Kind})")}.")
            : new ResolvedCall(intents, call, clients, [.. targets.Select(w => new ResolvedTarget(Endpoint.Of(w), null, ContainerPorts(w)))], null);
    }

    /// <summary>The workloads a Service selects (none without a selector or with an empty one).</summary>
    public IReadOnlyList<Workload> SelectedBy(Service service) =>
        service.Selector is null || service.Selector.IsEmpty
            ? []
            : [.. _cluster.Workloads.Where(w => w.Namespace == service.Namespace && service.Selector.Matches(w.Labels))];

    /// <summary>The connections a Service carries to one of its workloads: its target ports (named ones resolved on the workload).</summary>
    public static ConnectionSet ServicePorts(Service service, Workload workload)
    {
        var result = ConnectionSet.None;
        foreach (var port in service.Ports)
        {
            var number = port.TargetPort.IsNamed ? workload.FindNamedPort(port.TargetPort.Name!, port.Protocol)?.Number : port.TargetPort.Number;
            if (number is not null)
            {
                result = result.Union(ConnectionSet.Of(port.Protocol, number.Value));
            }
        }

        return result.IsEmpty ? ConnectionSet.All : result;
    }

    /// <summary>The connections a call to a workload means: its declared container ports, or every connection when it declares none.</summary>
    public static ConnectionSet ContainerPorts(Workload workload)
    {
        var result = ConnectionSet.None;
        foreach (var port in workload.Ports)
        {
            result = result.Union(ConnectionSet.Of(port.Protocol, port.Number));
        }

        return result.IsEmpty ? ConnectionSet.All : result;
    }

    private static List<ResolvedTarget> InternetTargets(IntentInternetTarget? internet)
    {
        if (internet is null)
        {
            return [];
        }

        var ports = internet.Ports.IsEmpty
            ? ConnectionSet.All
            : internet.Ports.Aggregate(ConnectionSet.None, (set, p) => set.Union(ConnectionSet.Of(Protocol.TCP, p)));
        return [.. internet.Addresses.Select(a => new ResolvedTarget(Endpoint.Of(a.Range), null, ports) { Block = a })];
    }
}
