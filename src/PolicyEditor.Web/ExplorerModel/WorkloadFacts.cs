using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>What the inspector shows of a workload in the draft.</summary>
/// <param name="Workload">The workload.</param>
/// <param name="Self">The workload as an endpoint, one end of every pair it lists.</param>
/// <param name="Ingress">The NetworkPolicies that select it for ingress.</param>
/// <param name="Egress">The NetworkPolicies that select it for egress.</param>
/// <param name="Exposed">The ports the ingress controller may use towards it, before policies.</param>
/// <param name="IngressOpen">Whether anything may reach it.</param>
/// <param name="EgressOpen">Whether it may reach anything.</param>
/// <param name="Outgoing">What it may reach.</param>
/// <param name="Incoming">What may reach it.</param>
public sealed record WorkloadFacts(
    Workload Workload,
    Endpoint Self,
    IReadOnlyList<NetworkPolicy> Ingress,
    IReadOnlyList<NetworkPolicy> Egress,
    ConnectionSet Exposed,
    bool IngressOpen,
    bool EgressOpen,
    IReadOnlyList<PeerTraffic> Outgoing,
    IReadOnlyList<PeerTraffic> Incoming)
{
    /// <summary>The policies of the ordered tiers (admin policies, ClusterNetworkPolicies, vendor tiers) that apply to it, in program order.</summary>
    public IReadOnlyList<Engine.Program.SelectingPolicy> TierPolicies { get; init; } = [];
}
