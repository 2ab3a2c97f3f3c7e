using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Synthesis;

/// <summary>One end of an intent: a single endpoint, or every workload of a namespace (written as namespace-wide selectors).</summary>
public sealed record SynthesisPeer
{
    private SynthesisPeer(Endpoint? endpoint, string? ns) => (Endpoint, Namespace) = (endpoint, ns);

    /// <summary>The endpoint, when the peer is one.</summary>
    public Endpoint? Endpoint { get; }

    /// <summary>The namespace, when the peer is every workload of one.</summary>
    public string? Namespace { get; }

    /// <summary>What a person reads: the endpoint's id (addresses in CIDR notation), or <c>namespace ns</c>.</summary>
    public string Id => Endpoint is { } e ? PolicySynthesizer.Readable(e) : $"namespace {Namespace}";

    public static SynthesisPeer Of(Endpoint endpoint) => new(endpoint, null);

    public static SynthesisPeer OfNamespace(string ns) => new(null, ns);

    /// <summary>
    /// "The internet" as one end of an intent: every IPv4 address (<c>0.0.0.0/0</c>), so that a rule written
    /// for it admits the whole outside rather than one representative address of it.
    /// </summary>
    public static SynthesisPeer Internet { get; } = new(Evaluation.Endpoint.Of(AddressRange.AllV4), null);

    /// <summary>The endpoints the peer stands for in a cluster.</summary>
    public IReadOnlyList<Endpoint> Members(ReachabilityMatrix matrix) =>
        Endpoint is { } e ? [e] : [.. matrix.Workloads.Where(w => w.Namespace == Namespace).Select(Evaluation.Endpoint.Of)];

    /// <inheritdoc />
    public override string ToString() => Id;
}
