using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>
/// Which workloads the ingress controller can reach, and on which ports: each Ingress or Route backend
/// names a Service; the Service's selector picks workloads in its namespace; the backend's port picks
/// Service ports, whose target ports (numbers, or container-port names resolved per workload) are
/// the ports exposed.
/// </summary>
internal sealed class ExposureIndex
{
    private readonly Dictionary<Workload, ConnectionSet> _ports = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Workload, List<string>> _via = new(ReferenceEqualityComparer.Instance);

    public ExposureIndex(Cluster cluster, List<EngineDiagnostic> diagnostics)
    {
        var services = new Dictionary<(string, string), Service>();
        foreach (var s in cluster.Services)
        {
            services[(s.Namespace, s.Name)] = s;
        }

        var byNamespace = cluster.Workloads.GroupBy(w => w.Namespace).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var exposure in cluster.Exposures)
        {
            foreach (var backend in exposure.Backends)
            {
                var subject = $"{exposure.Kind} {exposure.Namespace}/{exposure.Name}";
                if (!services.TryGetValue((exposure.Namespace, backend.ServiceName), out var service))
                {
                    diagnostics.Add(new EngineDiagnostic(DiagnosticSeverity.Warning, subject,
                        $"refers to Service '{backend.ServiceName}', which is not among the loaded objects of namespace {exposure.Namespace}; it exposes nothing."));
                    continue;
                }

                var ports = SelectServicePorts(exposure.Kind, service, backend.Port, subject, diagnostics);
                if (service.Selector is null)
                {
                    continue;
                }

                if (!byNamespace.TryGetValue(service.Namespace, out var candidates))
                {
                    continue;
                }

                foreach (var workload in candidates)
                {
                    if (service.Selector.IsEmpty || !service.Selector.Matches(workload.Labels))
                    {
                        continue;
                    }

                    var exposed = ConnectionSet.None;
                    foreach (var sp in ports)
                    {
                        var target = ResolveTarget(sp, workload);
                        if (target is not null)
                        {
                            exposed = exposed.Union(ConnectionSet.Of(sp.Protocol, target.Value));
                        }
                    }

                    if (exposed.IsEmpty)
                    {
                        continue;
                    }

                    _ports[workload] = _ports.TryGetValue(workload, out var before) ? before.Union(exposed) : exposed;
                    if (!_via.TryGetValue(workload, out var list))
                    {
                        _via[workload] = list = [];
                    }

                    list.Add($"{subject} via Service {service.Name} ({exposed})");
                }
            }
        }
    }

    /// <summary>True when some Ingress or Route exposes a workload.</summary>
    public bool Any => _ports.Count > 0;

    /// <summary>The ports the ingress controller can reach on the workload (none when not exposed).</summary>
    public ConnectionSet PortsOf(Workload workload) => _ports.TryGetValue(workload, out var c) ? c : ConnectionSet.None;

    /// <summary>The Ingress/Route objects that expose the workload, in words.</summary>
    public IReadOnlyList<string> ExposuresOf(Workload workload) => _via.TryGetValue(workload, out var l) ? l : [];

    internal static List<ServicePort> SelectServicePorts(ExposureKind kind, Service service, PortReference? port, string subject, List<EngineDiagnostic> diagnostics)
    {
        if (port is null)
        {
            return [.. service.Ports];
        }

        var p = port.Value;
        List<ServicePort> chosen;
        if (p.IsNamed)
        {
            chosen = [.. service.Ports.Where(sp => sp.Name == p.Name || (kind == ExposureKind.Route && sp.TargetPort.Name == p.Name))];
        }
        else if (kind == ExposureKind.Route)
        {
            // A Route's numeric targetPort names the port on the pods.
            chosen = [.. service.Ports.Where(sp => sp.TargetPort.Number == p.Number || (sp.TargetPort.IsNamed && sp.Port == p.Number))];
        }
        else
        {
            chosen = [.. service.Ports.Where(sp => sp.Port == p.Number)];
            if (chosen.Count == 0)
            {
                chosen = [.. service.Ports.Where(sp => sp.TargetPort.Number == p.Number)];
                if (chosen.Count > 0)
                {
                    diagnostics.Add(new EngineDiagnostic(DiagnosticSeverity.Warning, subject,
                        $"names port {p} of Service {service.Name}, which has no such port; it matches the Service's target port {p}, so that port is taken."));
                }
            }
        }

        if (chosen.Count == 0)
        {
            diagnostics.Add(new EngineDiagnostic(DiagnosticSeverity.Warning, subject,
                $"names port {p} of Service {service.Name}, which has no such port; it exposes nothing."));
        }

        return chosen;
    }

    /// <summary>The port on the workload a Service port sends to: its target number, or the container port of its target name (null when the workload has none).</summary>
    internal static int? ResolveTarget(ServicePort port, Workload workload)
    {
        if (!port.TargetPort.IsNamed)
        {
            return port.TargetPort.Number ?? port.Port;
        }

        return workload.FindNamedPort(port.TargetPort.Name!, port.Protocol)?.Number;
    }
}
