using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;

namespace PolicyEditor.Manifests.Loading.Calico;

/// <summary>
/// Reads a Calico WorkloadEndpoint (what <c>calicoctl get workloadendpoints</c> lists: one per pod interface)
/// as the pod it stands for: the pod <c>spec.pod</c> in the endpoint's namespace, with the endpoint's labels
/// (without the ones Calico derives itself, which the evaluation adds back), its named ports
/// (<c>spec.ports</c>), its addresses (<c>spec.ipNetworks</c>) and the service account Calico recorded in
/// <c>projectcalico.org/serviceaccount</c>. Its profiles (<c>spec.profiles</c>) are kept when they are not Calico's
/// defaults for Kubernetes pods (<c>kns.&lt;namespace&gt;</c>, <c>ksa.&lt;namespace&gt;.&lt;account&gt;</c>), which the evaluation assumes otherwise.
/// The endpoint itself is kept with the pod (<see cref="Workload.CalicoEndpoints"/>), so that the pod is written back as it.
/// </summary>
internal static class WorkloadEndpointReader
{
    /// <summary>The kind this reader loads.</summary>
    public const string Kind = "WorkloadEndpoint";

    private static readonly string[] DerivedLabels = ["projectcalico.org/namespace", "projectcalico.org/orchestrator", "projectcalico.org/serviceaccount"];

    /// <summary>The pod the endpoint stands for; null (with the reason reported) when it names none.</summary>
    public static PodDraft? Read(ReadScope scope, YamlTreeMapping root, string ns, SourceLocation at)
    {
        var spec = scope.Mapping(ReadScope.Get(root, "spec"), "spec");
        var pod = scope.String(ReadScope.Get(spec, "pod"), "spec.pod");
        if (string.IsNullOrEmpty(pod))
        {
            scope.Warning(root, "spec.pod", "the WorkloadEndpoint names no pod (spec.pod); it was not loaded.");
            return null;
        }

        var labels = scope.StringMap(ReadScope.Get(ReadScope.Get(root, "metadata"), "labels"), "metadata.labels");
        labels.TryGetValue("projectcalico.org/serviceaccount", out var account);
        var own = LabelSet.From(labels.Where(l => !DerivedLabels.Contains(l.Key)));
        var profiles = scope.List(ReadScope.Get(spec, "profiles"), "spec.profiles").Select((p, i) => scope.String(p, $"spec.profiles[{i}]")).OfType<string>().ToArray();
        string[] defaults = [$"kns.{ns}", $"ksa.{ns}.{account ?? ServiceAccount.DefaultName}"];
        var ports = ReadPorts(scope, spec).ToValueArray();
        var networks = ReadNetworks(scope, spec).ToValueArray();
        string? Text(string field) => scope.String(ReadScope.Get(spec, field), $"spec.{field}");
        var endpoint = new CalicoWorkloadEndpoint(scope.String(ReadScope.Get(ReadScope.Get(root, "metadata"), "name"), "metadata.name") ?? pod, networks, ports, profiles.ToValueArray())
        {
            Node = Text("node"),
            Orchestrator = Text("orchestrator") ?? (labels.TryGetValue("projectcalico.org/orchestrator", out var orchestrator) ? orchestrator : null),
            Endpoint = Text("endpoint"),
            InterfaceName = Text("interfaceName"),
            Mac = Text("mac"),
            ContainerId = Text("containerID"),
        };
        var template = new PodTemplate(own, ports)
        {
            Addresses = networks,
            CalicoEndpoint = endpoint,
            ServiceAccount = account,
            // Calico gives every Kubernetes pod its namespace's and account's profiles: only others are worth keeping.
            CalicoProfiles = profiles.Length == 0 || profiles.SequenceEqual(defaults) || profiles.SequenceEqual(defaults.Take(1)) ? (ValueArray<string>?)null : profiles.ToValueArray(),
        };
        return new PodDraft(ns, pod, template, null, null, at);
    }

    /// <summary>An endpoint's named ports (<c>spec.ports</c>: name, port, protocol), as WorkloadEndpoints and HostEndpoints write them.</summary>
    internal static List<ContainerPort> ReadPorts(ReadScope scope, YamlTreeMapping? spec)
    {
        var ports = new List<ContainerPort>();
        foreach (var (item, path) in scope.Mappings(ReadScope.Get(spec, "ports"), "spec.ports"))
        {
            var name = scope.String(ReadScope.Get(item, "name"), $"{path}.name");
            var number = scope.Integer(ReadScope.Get(item, "port"), $"{path}.port");
            var protocolText = scope.String(ReadScope.Get(item, "protocol"), $"{path}.protocol");
            var protocol = Protocol.TCP;
            if (protocolText is not null && !Protocols.TryParseKubernetes(protocolText.ToUpperInvariant(), out protocol))
            {
                scope.Warning(ReadScope.Get(item, "protocol"), $"{path}.protocol", $"protocol '{protocolText}' is not one of TCP, UDP, SCTP; the port is ignored.");
                continue;
            }

            if (number is null || !PortRange.IsValidPort(number.Value))
            {
                scope.Warning(item, $"{path}.port", "the endpoint port needs a port between 1 and 65535; it is ignored.");
                continue;
            }

            var port = new ContainerPort(string.IsNullOrEmpty(name) ? null : name, (int)number.Value, protocol);
            if (!ports.Contains(port))
            {
                ports.Add(port);
            }
        }

        return ports;
    }

    private static List<Cidr> ReadNetworks(ReadScope scope, YamlTreeMapping? spec)
    {
        var networks = new List<Cidr>();
        var items = scope.List(ReadScope.Get(spec, "ipNetworks"), "spec.ipNetworks");
        for (var i = 0; i < items.Count; i++)
        {
            if (scope.String(items[i], $"spec.ipNetworks[{i}]") is not { } text)
            {
                continue;
            }

            if (CalicoRuleReader.TryParseNet(text, out var cidr, out var error))
            {
                networks.Add(cidr);
            }
            else
            {
                scope.Warning(items[i], $"spec.ipNetworks[{i}]", $"{error}; the address is ignored.");
            }
        }

        return networks;
    }
}
