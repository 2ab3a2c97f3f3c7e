using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Manifests.Loading;

/// <summary>Reads Services (selector and ports) and the Ingress and Route objects that expose them.</summary>
internal static class ServiceReader
{
    public static Service Read(ReadScope scope, YamlTreeMapping root, string ns, string name)
    {
        var spec = ReadScope.Get(root, "spec");
        var selectorNode = ReadScope.Get(spec, "selector");
        var selector = selectorNode is null ? null : new LabelSelector(scope.StringMap(selectorNode, "spec.selector"), ValueArray<LabelRequirement>.Empty);
        var ports = new List<ServicePort>();
        var items = scope.List(ReadScope.Get(spec, "ports"), "spec.ports");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"spec.ports[{i}]";
            var portNumber = scope.Integer(ReadScope.Get(items[i], "port"), $"{path}.port");
            if (portNumber is null || !PortRange.IsValidPort(portNumber.Value))
            {
                scope.Warning(items[i], $"{path}.port", "the Service port has no valid 'port' (1-65535); it is ignored.");
                continue;
            }

            var protocolText = scope.String(ReadScope.Get(items[i], "protocol"), $"{path}.protocol");
            var protocol = Protocol.TCP;
            if (protocolText is not null && !Protocols.TryParseKubernetes(protocolText, out protocol))
            {
                scope.Warning(items[i], $"{path}.protocol", $"protocol '{protocolText}' is not one of TCP, UDP, SCTP; the port is ignored.");
                continue;
            }

            var target = scope.IntOrString(ReadScope.Get(items[i], "targetPort"), $"{path}.targetPort");
            var targetRef = target is null
                ? PortReference.OfNumber((int)portNumber.Value)
                : target.Value.Number is { } n ? PortReference.OfNumber((int)n) : PortReference.OfName(target.Value.Name!);
            ports.Add(new ServicePort(scope.String(ReadScope.Get(items[i], "name"), $"{path}.name"), (int)portNumber.Value, protocol, targetRef));
        }

        return new Service(ns, name, selector, ports.ToValueArray());
    }

    public static Exposure ReadIngress(ReadScope scope, YamlTreeMapping root, string ns, string name)
    {
        var spec = ReadScope.Get(root, "spec");
        var backends = new List<ExposureBackend>();
        AddBackend(scope, ReadScope.Get(spec, "defaultBackend") ?? ReadScope.Get(spec, "backend"), "spec.defaultBackend", backends);
        var rules = scope.List(ReadScope.Get(spec, "rules"), "spec.rules");
        for (var i = 0; i < rules.Count; i++)
        {
            var paths = scope.List(ReadScope.Get(ReadScope.Get(rules[i], "http"), "paths"), $"spec.rules[{i}].http.paths");
            for (var j = 0; j < paths.Count; j++)
            {
                AddBackend(scope, ReadScope.Get(paths[j], "backend"), $"spec.rules[{i}].http.paths[{j}].backend", backends);
            }
        }

        return new Exposure(ExposureKind.Ingress, ns, name, backends.Distinct().ToValueArray());
    }

    public static Exposure ReadRoute(ReadScope scope, YamlTreeMapping root, string ns, string name)
    {
        var spec = ReadScope.Get(root, "spec");
        var target = scope.IntOrString(ReadScope.Get(ReadScope.Get(spec, "port"), "targetPort"), "spec.port.targetPort");
        PortReference? port = target is null ? null : target.Value.Number is { } n ? PortReference.OfNumber((int)n) : PortReference.OfName(target.Value.Name!);
        var backends = new List<ExposureBackend>();
        var to = ReadScope.Get(spec, "to");
        foreach (var (node, path) in new[] { (to, "spec.to") }.Concat(scope.List(ReadScope.Get(spec, "alternateBackends"), "spec.alternateBackends").Select((b, i) => ((YamlTreeNode?)b, $"spec.alternateBackends[{i}]"))))
        {
            if (node is null)
            {
                continue;
            }

            var kind = scope.String(ReadScope.Get(node, "kind"), $"{path}.kind") ?? "Service";
            var service = scope.String(ReadScope.Get(node, "name"), $"{path}.name");
            if (kind != "Service" || string.IsNullOrEmpty(service))
            {
                scope.Warning(node, path, "a Route backend must name a Service; this one is ignored.");
                continue;
            }

            backends.Add(new ExposureBackend(service, port));
        }

        if (to is null)
        {
            scope.Warning(root, "spec.to", "the Route names no Service in spec.to; it exposes nothing.");
        }

        return new Exposure(ExposureKind.Route, ns, name, backends.ToValueArray());
    }

    private static void AddBackend(ReadScope scope, YamlTreeNode? backend, string path, List<ExposureBackend> backends)
    {
        if (backend is null)
        {
            return;
        }

        var service = ReadScope.Get(backend, "service");
        if (service is not null)
        {
            var serviceName = scope.String(ReadScope.Get(service, "name"), $"{path}.service.name");
            var portNode = ReadScope.Get(service, "port");
            var number = scope.Integer(ReadScope.Get(portNode, "number"), $"{path}.service.port.number");
            var portName = scope.String(ReadScope.Get(portNode, "name"), $"{path}.service.port.name");
            if (serviceName is not null)
            {
                backends.Add(new ExposureBackend(serviceName,
                    number is { } n ? PortReference.OfNumber((int)n) : portName is not null ? PortReference.OfName(portName) : null));
            }

            return;
        }

        // networking.k8s.io/v1beta1 and extensions/v1beta1: serviceName and servicePort.
        var legacyName = scope.String(ReadScope.Get(backend, "serviceName"), $"{path}.serviceName");
        if (legacyName is not null)
        {
            var legacyPort = scope.IntOrString(ReadScope.Get(backend, "servicePort"), $"{path}.servicePort");
            backends.Add(new ExposureBackend(legacyName,
                legacyPort is null ? null : legacyPort.Value.Number is { } n ? PortReference.OfNumber((int)n) : PortReference.OfName(legacyPort.Value.Name!)));
            return;
        }

        if (ReadScope.Get(backend, "resource") is null)
        {
            scope.Warning(backend, path, "the backend names no Service; it is ignored.");
        }
    }
}
