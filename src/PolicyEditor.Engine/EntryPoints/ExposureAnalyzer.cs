using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Intents;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.EntryPoints;

/// <summary>
/// Every workload reachable from outside the cluster, through which entry point, on which ports, and whether
/// the policies let that traffic in. A NodePort or LoadBalancer Service is judged from its source ranges
/// (every IPv4 and IPv6 address when it sets none): let in means let in from every address of them. With
/// <c>externalTrafficPolicy: Cluster</c> nodes masquerade the client's address, which the explanation says,
/// since then an ipBlock rule sees a node instead. An Ingress or Route is judged from the ingress controller.
/// </summary>
public static class ExposureAnalyzer
{
    /// <summary>The entry points of the cluster and the workloads each reaches.</summary>
    public static IReadOnlyList<ExposedWorkload> Analyze(ClusterEvaluator evaluator)
    {
        var cluster = evaluator.Cluster;
        var resolver = new IntentResolver(cluster);
        var result = new List<ExposedWorkload>();
        foreach (var service in cluster.Services.Where(s => s.IsExternallyReachable).OrderBy(s => s.ToString(), StringComparer.Ordinal))
        {
            var entry = new EntryPoint(service.Type == ServiceType.LoadBalancer ? EntryPointKind.LoadBalancer : EntryPointKind.NodePort,
                service.Namespace, service.Name, service, service.Type == ServiceType.LoadBalancer ? service.LoadBalancerSourceRanges : ValueArray<Cidr>.Empty, service.ExternalTrafficLocal);
            var sources = entry.Sources.IsEmpty ? [AddressRange.AllV4, AddressRange.AllV6] : entry.Sources.Select(s => s.Range).ToList();
            foreach (var workload in resolver.SelectedBy(service))
            {
                var ports = IntentResolver.ServicePorts(service, workload);
                var admitted = sources.Aggregate(ConnectionSet.All, (set, range) => set.Intersect(evaluator.Evaluate(Endpoint.Of(range), Endpoint.Of(workload))));
                result.Add(new ExposedWorkload(entry, workload, ports, admitted));
            }
        }

        foreach (var exposure in cluster.Exposures.OrderBy(e => e.ToString(), StringComparer.Ordinal))
        {
            foreach (var backend in exposure.Backends)
            {
                if (resolver.FindService(exposure.Namespace, backend.ServiceName) is not { } service)
                {
                    continue;
                }

                var entry = new EntryPoint(exposure.Kind == ExposureKind.Ingress ? EntryPointKind.Ingress : EntryPointKind.Route, exposure.Namespace, exposure.Name, service, ValueArray<Cidr>.Empty, true);
                // The backend's port picks Service ports as the evaluator's exposure index does; its warnings are the evaluator's to give.
                var chosen = ExposureIndex.SelectServicePorts(exposure.Kind, service, backend.Port, exposure.ToString(), []).ToValueArray();
                if (chosen.IsEmpty)
                {
                    continue; // the evaluator warns about a backend port the Service does not have
                }

                foreach (var workload in resolver.SelectedBy(service))
                {
                    var ports = IntentResolver.ServicePorts(service with { Ports = chosen }, workload);
                    result.Add(new ExposedWorkload(entry, workload, ports, evaluator.Evaluate(Endpoint.IngressController, Endpoint.Of(workload))));
                }
            }
        }

        return result;
    }
}
