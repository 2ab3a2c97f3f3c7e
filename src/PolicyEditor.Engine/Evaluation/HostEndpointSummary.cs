using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>
/// What applies to a Calico host endpoint's own side (see <see cref="ClusterEvaluator.Summarize(HostEndpoint)"/>): the policies and
/// profiles selecting it in the order Felix applies them, the failsafe ports in effect and where they come from, and which
/// profile, if any, allows what no policy decides (otherwise Calico denies it).
/// </summary>
/// <param name="Host">The host endpoint.</param>
/// <param name="Policies">The policies and profiles that apply to it: untracked, then pre-DNAT, then normal policies by tier and order, then its profiles.</param>
/// <param name="FailsafeInbound">The inbound failsafe ports Felix keeps open on it.</param>
/// <param name="FailsafeInboundSource">Where they come from: <c>FelixConfiguration node.NODE</c>, <c>FelixConfiguration default</c> or Felix's defaults.</param>
/// <param name="FailsafeOutbound">The outbound failsafe ports.</param>
/// <param name="FailsafeOutboundSource">Where they come from.</param>
/// <param name="IngressAllowedBy">The profile that allows every ingress no policy decides; null: Calico denies it.</param>
/// <param name="EgressAllowedBy">The profile that allows every egress no policy decides; null: Calico denies it.</param>
public sealed record HostEndpointSummary(
    HostEndpoint Host,
    IReadOnlyList<HostPolicyEntry> Policies,
    ValueArray<CalicoFailsafePort> FailsafeInbound,
    string FailsafeInboundSource,
    ValueArray<CalicoFailsafePort> FailsafeOutbound,
    string FailsafeOutboundSource,
    string? IngressAllowedBy,
    string? EgressAllowedBy)
{
    /// <summary>Whether Calico denies some traffic of the endpoint that no policy decides (no profile allows everything in a direction).</summary>
    public bool IsDefaultDeny => IngressAllowedBy is null || EgressAllowedBy is null;
}
