using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Manifests.Loading;

/// <summary>Reads Pods and the workload kinds that create pods, down to labels and container ports.</summary>
internal static class WorkloadReader
{
    /// <summary>The kinds that carry a pod template, and where it is.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> TemplatePaths = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Deployment"] = ["spec", "template"],
        ["ReplicaSet"] = ["spec", "template"],
        ["ReplicationController"] = ["spec", "template"],
        ["StatefulSet"] = ["spec", "template"],
        ["DaemonSet"] = ["spec", "template"],
        ["Job"] = ["spec", "template"],
        ["CronJob"] = ["spec", "jobTemplate", "spec", "template"],
        ["DeploymentConfig"] = ["spec", "template"],

        // KubeVirt: a VirtualMachine's instance template, and an instance itself, describe the pod that runs the VM.
        ["VirtualMachine"] = ["spec", "template"],
        ["VirtualMachineInstance"] = [],
    };

    /// <summary>
    /// Reads a pod's or template's metadata labels, its containers' ports (a KubeVirt template's: its
    /// interfaces' ports) and, for a running pod, the addresses its status gives.
    /// </summary>
    public static PodTemplate ReadTemplate(ReadScope scope, YamlTreeNode? template, string field)
    {
        var metadata = ReadScope.Get(template, "metadata");
        var labels = scope.StringMap(ReadScope.Get(metadata, "labels"), $"{field}.metadata.labels");
        var spec = ReadScope.Get(template, "spec");
        var ports = new List<ContainerPort>();
        var containers = scope.List(ReadScope.Get(spec, "containers"), $"{field}.spec.containers");
        for (var c = 0; c < containers.Count; c++)
        {
            var portItems = scope.List(ReadScope.Get(containers[c], "ports"), $"{field}.spec.containers[{c}].ports");
            for (var p = 0; p < portItems.Count; p++)
            {
                var path = $"{field}.spec.containers[{c}].ports[{p}]";
                var item = scope.Mapping(portItems[p], path);
                if (item is null)
                {
                    continue;
                }

                scope.CheckFields(item, path, "containerPort", "name", "protocol", "hostPort", "hostIP");
                var number = scope.Integer(ReadScope.Get(item, "containerPort"), $"{path}.containerPort");
                var name = scope.String(ReadScope.Get(item, "name"), $"{path}.name");
                var protocolNode = ReadScope.Get(item, "protocol");
                var protocolText = scope.String(protocolNode, $"{path}.protocol");
                var protocol = Protocol.TCP;
                if (protocolText is not null && !Protocols.TryParseKubernetes(protocolText, out protocol))
                {
                    scope.Warning(protocolNode, $"{path}.protocol", $"protocol '{protocolText}' is not one of TCP, UDP, SCTP; the port is ignored.");
                    continue;
                }

                if (number is null)
                {
                    scope.Warning(item, $"{path}.containerPort", "the container port has no containerPort; it is ignored.");
                    continue;
                }

                if (!PortRange.IsValidPort(number.Value))
                {
                    scope.Warning(ReadScope.Get(item, "containerPort"), $"{path}.containerPort", $"containerPort {number} is outside 1-65535; it is ignored.");
                    continue;
                }

                var port = new ContainerPort(string.IsNullOrEmpty(name) ? null : name, (int)number.Value, protocol);
                if (!ports.Contains(port))
                {
                    ports.Add(port);
                }
            }
        }

        var serviceAccount = scope.String(ReadScope.Get(spec, "serviceAccountName"), $"{field}.spec.serviceAccountName");
        ReadInterfacePorts(scope, spec, field, ports);
        var portList = ports.ToValueArray();
        return new PodTemplate(labels, scope.Interner?.Ports(portList) ?? portList)
        {
            Addresses = PodAddressReader.Read(scope, template).ToValueArray(),
            ServiceAccount = serviceAccount ?? scope.String(ReadScope.Get(spec, "serviceAccount"), $"{field}.spec.serviceAccount"),
        };
    }

    /// <summary>
    /// The ports of a KubeVirt VirtualMachineInstance spec (<c>domain.devices.interfaces[].ports</c>: name, port,
    /// protocol TCP or UDP, TCP by default), which the VM's pod forwards to the guest.
    /// </summary>
    private static void ReadInterfacePorts(ReadScope scope, YamlTreeNode? spec, string field, List<ContainerPort> ports)
    {
        var interfaces = scope.List(ReadScope.Get(ReadScope.Get(ReadScope.Get(spec, "domain"), "devices"), "interfaces"), $"{field}.spec.domain.devices.interfaces");
        for (var i = 0; i < interfaces.Count; i++)
        {
            var portItems = scope.List(ReadScope.Get(interfaces[i], "ports"), $"{field}.spec.domain.devices.interfaces[{i}].ports");
            for (var p = 0; p < portItems.Count; p++)
            {
                var path = $"{field}.spec.domain.devices.interfaces[{i}].ports[{p}]";
                var number = scope.Integer(ReadScope.Get(portItems[p], "port"), $"{path}.port");
                var name = scope.String(ReadScope.Get(portItems[p], "name"), $"{path}.name");
                var protocolText = scope.String(ReadScope.Get(portItems[p], "protocol"), $"{path}.protocol");
                var protocol = Protocol.TCP;
                if (protocolText is not null && !Protocols.TryParseKubernetes(protocolText, out protocol))
                {
                    scope.Warning(ReadScope.Get(portItems[p], "protocol"), $"{path}.protocol", $"protocol '{protocolText}' is not one of TCP, UDP; the port is ignored.");
                    continue;
                }

                if (number is null || !PortRange.IsValidPort(number.Value))
                {
                    scope.Warning(portItems[p], $"{path}.port", "the interface port needs a port between 1 and 65535; it is ignored.");
                    continue;
                }

                var port = new ContainerPort(string.IsNullOrEmpty(name) ? null : name, (int)number.Value, protocol);
                if (!ports.Contains(port))
                {
                    ports.Add(port);
                }
            }
        }
    }

    /// <summary>The pod template of a workload kind, following <see cref="TemplatePaths"/>.</summary>
    public static PodTemplate ReadWorkload(ReadScope scope, YamlTreeMapping root, string kind)
    {
        YamlTreeNode? node = root;
        var path = TemplatePaths[kind];
        foreach (var step in path)
        {
            node = ReadScope.Get(node, step);
        }

        if (node is null)
        {
            scope.Warning(root, string.Join('.', path), $"the {kind} has no pod template; it is loaded with no labels and no ports.");
        }

        if (path.Length == 0)
        {
            return ReadTemplate(scope, node, string.Empty);
        }

        return ReadTemplate(scope, node, string.Join('.', path));
    }

    /// <summary>The controlling owner of a pod (the one marked controller, else the first), as (kind, name).</summary>
    public static (string? Kind, string? Name) ReadOwner(ReadScope scope, YamlTreeNode? metadata)
    {
        var owners = scope.List(ReadScope.Get(metadata, "ownerReferences"), "metadata.ownerReferences");
        YamlTreeNode? chosen = owners.FirstOrDefault(o => scope.String(ReadScope.Get(o, "controller"), "metadata.ownerReferences.controller") == "true")
            ?? owners.FirstOrDefault();
        if (chosen is null)
        {
            return (null, null);
        }

        // A static pod's mirror is owned by its Node: no controller makes more like it, so it stands alone.
        if (scope.String(ReadScope.Get(chosen, "kind"), "metadata.ownerReferences.kind") == "Node")
        {
            return (null, null);
        }

        return (scope.String(ReadScope.Get(chosen, "kind"), "metadata.ownerReferences.kind"), scope.String(ReadScope.Get(chosen, "name"), "metadata.ownerReferences.name"));
    }
}
