using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>One end of a connection: a workload, addresses outside the cluster, or the ingress controller.</summary>
public abstract record Endpoint
{
    /// <summary>The endpoint's name in reports (<c>ns/name[Kind]</c>, <c>first-last[External]</c>, <c>{ingress-controller}</c>).</summary>
    public abstract string Id { get; }

    /// <summary>The cluster's ingress controller, which reaches workloads exposed by an Ingress or Route.</summary>
    public static Endpoint IngressController => IngressControllerEndpoint.Instance;

    /// <summary>A workload.</summary>
    public static Endpoint Of(Workload workload) => new WorkloadEndpoint(workload);

    /// <summary>Addresses outside the cluster.</summary>
    public static Endpoint Of(AddressRange range) => new ExternalEndpoint(range);

    /// <summary>One address outside the cluster.</summary>
    public static Endpoint Of(System.Net.IPAddress address) => new ExternalEndpoint(AddressRange.Of(address));

    /// <inheritdoc />
    public override string ToString() => Id;
}

/// <summary>A workload (or standalone pod) of the cluster.</summary>
public sealed record WorkloadEndpoint(Workload Workload) : Endpoint
{
    /// <inheritdoc />
    public override string Id => Workload.Id;

    /// <inheritdoc />
    public override string ToString() => Id;
}

/// <summary>A range of addresses outside the cluster.</summary>
public sealed record ExternalEndpoint(AddressRange Range) : Endpoint
{
    /// <inheritdoc />
    public override string Id => $"{Range}[External]";

    /// <inheritdoc />
    public override string ToString() => Id;
}

/// <summary>The ingress controller: the source of traffic that enters through Ingress and Route objects.</summary>
public sealed record IngressControllerEndpoint : Endpoint
{
    /// <summary>The one instance.</summary>
    public static readonly IngressControllerEndpoint Instance = new();

    private IngressControllerEndpoint()
    {
    }

    /// <inheritdoc />
    public override string Id => "{ingress-controller}";

    /// <inheritdoc />
    public override string ToString() => Id;
}
