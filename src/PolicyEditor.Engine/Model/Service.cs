using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Model;

/// <summary>A Service: the pods it selects (none when it has no selector) and its ports.</summary>
public sealed record Service(string Namespace, string Name, LabelSelector? Selector, ValueArray<ServicePort> Ports)
{
    /// <summary>The Service's type (<c>spec.type</c>).</summary>
    public ServiceType Type { get; init; } = ServiceType.ClusterIP;

    /// <summary>The client address blocks a LoadBalancer admits (<c>spec.loadBalancerSourceRanges</c>); empty for every address.</summary>
    public ValueArray<Addresses.Cidr> LoadBalancerSourceRanges { get; init; } = ValueArray<Addresses.Cidr>.Empty;

    /// <summary>True for <c>externalTrafficPolicy: Local</c>: outside clients keep their source address (else nodes masquerade it).</summary>
    public bool ExternalTrafficLocal { get; init; }

    /// <summary>Whether clients outside the cluster reach the Service directly (NodePort or LoadBalancer).</summary>
    public bool IsExternallyReachable => Type is ServiceType.NodePort or ServiceType.LoadBalancer;

    /// <inheritdoc />
    public override string ToString() => $"{Namespace}/{Name}";
}
