using PolicyEditor.Engine.Dialects.Calico;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>A host endpoint summed up for a person: what the inspector shows of it.</summary>
public sealed partial class ClusterEvaluator
{
    /// <summary>The policies and profiles applying to a host endpoint in the order Felix applies them, its failsafe ports and what decides the rest.</summary>
    public HostEndpointSummary Summarize(HostEndpoint host)
    {
        var plan = PlanOf(host);
        var policies = InFelixOrder(plan)
            .Select(p => new HostPolicyEntry(p.Policy.Source.Source, p.Policy.Source.Description, p.Policy.Tier.Name == CalicoDialect.ProfilesTierName ? "profiles" : p.Policy.Tier.Name,
                p.Policy.Source.ShownOrder, CalicoHostSide.StageName(p.Stage), p.Policy.Ingress.Length > 0, p.Policy.Egress.Length > 0))
            .ToList();
        var inbound = CalicoHostSide.FailsafeSource(Cluster, host.Definition, TrafficDirection.Ingress);
        var outbound = CalicoHostSide.FailsafeSource(Cluster, host.Definition, TrafficDirection.Egress);
        return new HostEndpointSummary(host, policies, plan.FailsafeInbound, inbound, plan.FailsafeOutbound, outbound,
            CalicoHostSide.AllowingProfile(Cluster, host.Definition, TrafficDirection.Ingress), CalicoHostSide.AllowingProfile(Cluster, host.Definition, TrafficDirection.Egress));
    }

    /// <summary>The policies of a host endpoint's plan in the order Felix applies them: by stage, then by tier and order within it, each once.</summary>
    private static IEnumerable<(HostPolicyStage Stage, Program.CompiledPolicy Policy)> InFelixOrder(HostPlan plan) =>
        Enum.GetValues<HostPolicyStage>()
            .SelectMany(stage => plan.Tiers[(int)stage].SelectMany(t => t.Policies).Select(p => (Stage: stage, Policy: p)))
            .DistinctBy(p => p.Policy.Source.Source);
}
