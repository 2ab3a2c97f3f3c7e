namespace PolicyEditor.Engine.Model.Calico;

/// <summary>
/// A Calico WorkloadEndpoint as the manifests gave it: one interface of a pod (the workload it belongs to carries the
/// pod's labels and service account). Kept so that the workload is written back as the endpoint it was read from, not as a Pod.
/// </summary>
/// <param name="Name">The endpoint's name (<c>metadata.name</c>, e.g. <c>node1-k8s-api--5f9-eth0</c>).</param>
/// <param name="Networks">Its addresses (<c>spec.ipNetworks</c>).</param>
/// <param name="Ports">Its named ports (<c>spec.ports</c>).</param>
/// <param name="Profiles">Its profiles as written (<c>spec.profiles</c>), Calico's defaults included.</param>
public sealed record CalicoWorkloadEndpoint(string Name, ValueArray<Addresses.Cidr> Networks, ValueArray<ContainerPort> Ports, ValueArray<string> Profiles)
{
    /// <summary>The node the pod runs on (<c>spec.node</c>).</summary>
    public string? Node { get; init; }

    /// <summary>The orchestrator that created it (<c>spec.orchestrator</c>, or the <c>projectcalico.org/orchestrator</c> label).</summary>
    public string? Orchestrator { get; init; }

    /// <summary>The pod's interface name inside the pod (<c>spec.endpoint</c>, e.g. <c>eth0</c>).</summary>
    public string? Endpoint { get; init; }

    /// <summary>The host side's interface name (<c>spec.interfaceName</c>).</summary>
    public string? InterfaceName { get; init; }

    /// <summary>The interface's MAC address (<c>spec.mac</c>).</summary>
    public string? Mac { get; init; }

    /// <summary>The pod's container (<c>spec.containerID</c>).</summary>
    public string? ContainerId { get; init; }
}
