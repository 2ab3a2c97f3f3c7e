using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>
/// One rule of a Cilium policy (its <c>spec</c> or an item of <c>specs</c>): the endpoints it applies to
/// (<see cref="EndpointSelector"/>, label keys as written, <c>k8s:</c> prefixes included) or, for a host
/// policy, the nodes (<see cref="NodeSelector"/>); its allow and deny sections per direction; and
/// <c>enableDefaultDeny</c> (null: not written, which means true).
/// </summary>
public sealed record CiliumRule(
    LabelSelector? EndpointSelector,
    LabelSelector? NodeSelector,
    ValueArray<CiliumPeerRule> Ingress,
    ValueArray<CiliumPeerRule> IngressDeny,
    ValueArray<CiliumPeerRule> Egress,
    ValueArray<CiliumPeerRule> EgressDeny,
    bool? DefaultDenyIngress,
    bool? DefaultDenyEgress,
    string? Description)
{
    /// <summary>Whether the rule puts the endpoints it selects into default deny for ingress.</summary>
    public bool IsolatesIngress => (DefaultDenyIngress ?? true) && (!Ingress.IsEmpty || !IngressDeny.IsEmpty);

    /// <summary>Whether the rule puts the endpoints it selects into default deny for egress.</summary>
    public bool IsolatesEgress => (DefaultDenyEgress ?? true) && (!Egress.IsEmpty || !EgressDeny.IsEmpty);
}
