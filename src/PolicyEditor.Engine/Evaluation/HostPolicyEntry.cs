using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>One policy or profile that applies to a host endpoint, as a person reads it: which, where it runs, and in which stage of Felix's.</summary>
/// <param name="Key">The policy (or profile) it came from.</param>
/// <param name="Description">The policy in words, as explanations name it.</param>
/// <param name="Tier">Its tier's name (<c>profiles</c> for a profile).</param>
/// <param name="Order">Its order within the tier, when it has one.</param>
/// <param name="Stage">When Felix applies it: <c>untracked</c> (doNotTrack), <c>pre-DNAT</c> (preDNAT, ingress only) or <c>normal</c>.</param>
/// <param name="HasIngressRules">Whether it has ingress rules.</param>
/// <param name="HasEgressRules">Whether it has egress rules.</param>
public sealed record HostPolicyEntry(PolicyKey Key, string Description, string Tier, double? Order, string Stage, bool HasIngressRules, bool HasEgressRules);
