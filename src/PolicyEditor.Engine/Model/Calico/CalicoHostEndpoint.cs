namespace PolicyEditor.Engine.Model.Calico;

/// <summary>A Calico HostEndpoint: a node's interface with labels and expected addresses, which global policies can select.</summary>
public sealed record CalicoHostEndpoint(string Name, string? Node, string? InterfaceName, ValueArray<Addresses.Cidr> ExpectedIps, LabelSet Labels, ValueArray<string> Profiles) : IPolicyResource
{
    /// <inheritdoc />
    public string Kind => "HostEndpoint";

    /// <inheritdoc />
    public string? Namespace => null;

    /// <inheritdoc />
    public override string ToString() => $"host endpoint {Name}";
}
