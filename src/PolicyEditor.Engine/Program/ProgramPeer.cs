using PolicyEditor.Engine.Addresses;

namespace PolicyEditor.Engine.Program;

/// <summary>
/// One peer of a program rule: the workloads <see cref="Workloads"/> takes in, and the addresses
/// outside the cluster in <see cref="Addresses"/>. When <see cref="AddressesMatchPods"/> is set (admin
/// <c>networks</c>, Calico <c>nets</c>), the addresses also take in pods: a pod whose manifest gives its
/// addresses when they all lie in the set, a pod without an address only when the set covers the whole
/// address family. A peer with neither matches nothing (kept so that explanations can name it).
/// </summary>
public sealed record ProgramPeer(WorkloadSelector? Workloads, AddressSet? Addresses, bool AddressesMatchPods, string Description)
{
    /// <summary>
    /// Which endpoints beyond workloads and address ranges the peer takes in (Cilium's entities such as
    /// <c>{host}</c>, DNS names); null: none.
    /// </summary>
    public Func<Evaluation.Endpoint, bool>? Others { get; init; }

    private readonly ProgramPeerKind? _kind;

    /// <summary>What the peer names as written (by default: workloads, else addresses, else nothing matchable); dialects set entities and DNS names.</summary>
    public ProgramPeerKind Kind
    {
        get => _kind ?? (Workloads is not null ? ProgramPeerKind.Workloads : Addresses is not null ? ProgramPeerKind.Addresses : ProgramPeerKind.Unmatched);
        init => _kind = value;
    }

    /// <summary>The workloads of a selector.</summary>
    public static ProgramPeer Of(WorkloadSelector workloads) => new(workloads, null, false, workloads.Description);

    /// <summary>Addresses outside the cluster only (a NetworkPolicy ipBlock).</summary>
    public static ProgramPeer External(AddressSet addresses, string description) => new(null, addresses, false, description);

    /// <summary>Addresses inside and outside the cluster (admin <c>networks</c>).</summary>
    public static ProgramPeer Network(AddressSet addresses, string description) => new(null, addresses, true, description);

    /// <summary>A peer this model cannot match (e.g. nodes), named for explanations.</summary>
    public static ProgramPeer Nothing(string description) => new(null, null, false, description);

    /// <inheritdoc />
    public override string ToString() => Description;
}
