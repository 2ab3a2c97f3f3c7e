using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>
/// A Calico host endpoint (<c>NAME[HostEndpoint]</c>, no namespace): a node's interface that global policies
/// select by its labels and whose traffic they decide, and that rules take in by their selectors (only when it has
/// <c>expectedIPs</c>, as Calico resolves selectors to addresses) and their nets.
/// </summary>
public sealed record HostEndpoint(CalicoHostEndpoint Definition) : Endpoint
{
    /// <summary>The kind written in the endpoint's name.</summary>
    public const string KindName = "HostEndpoint";

    /// <summary>
    /// The host endpoint as the subject of a walk over the policy program: a workload without a namespace, with the
    /// host endpoint's labels, addresses and named ports, which only Calico's host-endpoint conditions recognise (see <see cref="IsHost"/>).
    /// </summary>
    public Workload AsWorkload { get; } = new Workload(string.Empty, Definition.Name, KindName, Definition.Labels, Definition.Ports)
    {
        Addresses = Definition.ExpectedIps,
    };

    /// <inheritdoc />
    public override string Id => $"{Definition.Name}[{KindName}]";

    /// <summary>True for the workload that stands for a host endpoint in a walk (no Kubernetes workload has an empty namespace).</summary>
    public static bool IsHost(Workload workload) => workload.Namespace.Length == 0 && workload.Kind == KindName;

    /// <summary>Whether every expected address of the host endpoint lies in <paramref name="addresses"/> (false when it has none).</summary>
    public bool LiesWithin(AddressSet addresses) => !Definition.ExpectedIps.IsEmpty && Definition.ExpectedIps.All(ip => addresses.Contains(ip.Range));

    /// <inheritdoc />
    public override string ToString() => Id;
}
