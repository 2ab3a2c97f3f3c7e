namespace PolicyEditor.Engine.Model.Calico;

/// <summary>A Calico HostEndpoint: a node's interface with labels and expected addresses, which global policies can select.</summary>
public sealed record CalicoHostEndpoint(string Name, string? Node, string? InterfaceName, ValueArray<Addresses.Cidr> ExpectedIps, LabelSet Labels, ValueArray<string> Profiles) : IPolicyResource
{
    /// <summary>The named ports the interface serves (<c>spec.ports</c>), which rules' named ports resolve to.</summary>
    public ValueArray<ContainerPort> Ports { get; init; } = ValueArray<ContainerPort>.Empty;

    /// <summary>True for an endpoint of all the node's interfaces (<c>interfaceName: *</c>).</summary>
    public bool IsAllInterfaces => InterfaceName == "*";

    /// <inheritdoc />
    public string Kind => "HostEndpoint";

    /// <inheritdoc />
    public string? Namespace => null;

    /// <inheritdoc />
    public override string ToString() => $"host endpoint {Name}";
}
