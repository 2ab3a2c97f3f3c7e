using System.Collections.Concurrent;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Dialects.Calico;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>A host endpoint's own side of a connection (see <see cref="CalicoHostSide"/>): failsafe ports, then the stages of policy selecting it.</summary>
public sealed partial class ClusterEvaluator
{
    private readonly ConcurrentDictionary<string, HostPlan> _hostPlans = new(StringComparer.Ordinal);

    /// <summary>The connections a host endpoint's side allows with <paramref name="peer"/>.</summary>
    internal ConnectionSet DecideHost(HostEndpoint host, Endpoint peer, TrafficDirection direction) => WalkHost(host, peer, direction).Allowed;

    /// <summary>The program policies of each stage that apply to a host endpoint, in program order.</summary>
    public IReadOnlyList<SelectingPolicy> TierPoliciesSelecting(HostEndpoint host) =>
        [.. PlanOf(host).Selecting.Select(p => new SelectingPolicy(p.Source.Source, p.Source.Description, p.Tier.Description, p.Ingress.Length > 0, p.Egress.Length > 0)
        {
            IsolatesIngress = p.Isolates(TrafficDirection.Ingress),
            IsolatesEgress = p.Isolates(TrafficDirection.Egress),
        })];

    private HostPlan PlanOf(HostEndpoint host) => _hostPlans.GetOrAdd(host.Id, _ =>
    {
        var selecting = Array.FindAll(Program.Policies, p => p.Source.Hosts?.Invoke(host.AsWorkload) == true);
        CompiledTier[] TiersOf(HostPolicyStage stage)
        {
            var tiers = Program.For([.. selecting.Where(p => CalicoHostSide.StageOf(Cluster, p.Source.Source) == stage)]);
            // Untracked and pre-DNAT policies have no default drop: what their tiers leave undecided goes on.
            return stage == HostPolicyStage.Normal ? tiers : [.. tiers.Select(t => new CompiledTier(t.Tier with { DefaultAction = TierDefault.Pass }, t.Policies, false))];
        }

        return new HostPlan(
            selecting,
            [TiersOf(HostPolicyStage.Untracked), TiersOf(HostPolicyStage.PreDnat), TiersOf(HostPolicyStage.Normal)],
            CalicoHostSide.Failsafe(Cluster, host.Definition, TrafficDirection.Ingress),
            CalicoHostSide.Failsafe(Cluster, host.Definition, TrafficDirection.Egress));
    });

    /// <summary>The walk of a host endpoint's side: what the failsafe ports keep open, then each stage's walk with its steps.</summary>
    private HostWalk WalkHost(HostEndpoint host, Endpoint peer, TrafficDirection direction)
    {
        var plan = PlanOf(host);
        var failsafe = CalicoHostSide.Open(direction == TrafficDirection.Ingress ? plan.FailsafeInbound : plan.FailsafeOutbound, peer);
        var allowed = failsafe;
        var open = ConnectionSet.All.Subtract(failsafe);
        var stages = new List<(HostPolicyStage Stage, List<ProgramStep> Steps)>();
        foreach (var stage in (ReadOnlySpan<HostPolicyStage>)[HostPolicyStage.Untracked, HostPolicyStage.PreDnat, HostPolicyStage.Normal])
        {
            var tiers = plan.Tiers[(int)stage];
            if ((stage == HostPolicyStage.PreDnat && direction == TrafficDirection.Egress) || (stage != HostPolicyStage.Normal && tiers.All(t => t.Policies.Length == 0)))
            {
                continue;
            }

            var steps = new List<ProgramStep>();
            var result = Program.WalkSelected(tiers, host.AsWorkload, peer, direction, Namespaces, false, ConnectionSet.None, steps);
            var undecided = steps[^1].Kind == StepKind.ProgramDefault ? steps[^1].Decided : ConnectionSet.None;
            allowed = allowed.Union(result.Subtract(undecided).Intersect(open));
            open = open.Intersect(undecided);
            stages.Add((stage, steps));
        }

        return new HostWalk(allowed, failsafe, stages);
    }

    private SideExplanation ExplainHostSide(HostEndpoint host, Endpoint peer, TrafficDirection direction, Protocol protocol, int port)
    {
        var dir = direction.ToString().ToLowerInvariant();
        var connection = new ConnectionPoint(protocol, port).ToString();
        var peerWord = direction == TrafficDirection.Ingress ? $"from {peer.Id}" : $"to {peer.Id}";
        var walk = WalkHost(host, peer, direction);
        var plan = PlanOf(host);
        var selecting = plan.Selecting.Where(p => p.Rules(direction).Length > 0 || p.Isolates(direction)).Select(p => p.Source.Description).Distinct(StringComparer.Ordinal).ToList();
        var allSteps = walk.Stages.SelectMany(s => s.Steps).ToList();
        SideExplanation Result(bool allowed, Decider decider, RuleReference? rule, string reason, string? tier) =>
            new(direction, host.Id, allowed, decider, rule, selecting, [], [], [], [], reason) { Steps = allSteps, Tier = tier };

        var failsafe = CalicoHostSide.Applying(direction == TrafficDirection.Ingress ? plan.FailsafeInbound : plan.FailsafeOutbound, peer)
            .FirstOrDefault(p => p.Connections.Contains(protocol, port));
        if (failsafe is not null)
        {
            return Result(true, Decider.Default, null,
                $"Allowed {peerWord} on {connection}: {CalicoHostSide.Describe(failsafe, direction)}. Felix keeps it open on host endpoints whatever their policy (FelixConfiguration failsafe{(direction == TrafficDirection.Ingress ? "Inbound" : "Outbound")}HostPorts).",
                "Calico failsafe rules");
        }

        foreach (var (stage, steps) in walk.Stages)
        {
            var deciding = steps.FirstOrDefault(s => s.Action is RuleAction.Allow or RuleAction.Deny && s.Kind != StepKind.ProgramDefault && s.Decided.Contains(protocol, port));
            if (deciding is null)
            {
                continue;
            }

            var allowed = deciding.Action == RuleAction.Allow;
            var word = allowed ? "Allowed" : "Denied";
            var kind = stage switch
            {
                HostPolicyStage.Untracked => " It is an untracked (doNotTrack) policy, which Felix applies before any other policy of the host endpoint.",
                HostPolicyStage.PreDnat => " It is a pre-DNAT policy, which Felix applies to traffic arriving on the host endpoint before the normal policies.",
                _ => string.Empty,
            };
            if (deciding.Kind == StepKind.Rule)
            {
                return Result(allowed, Decider.Tier, deciding.Rule, $"{word} {peerWord} on {connection} by {deciding.Rule!.Text}.{kind}", deciding.Tier);
            }

            var policies = string.Join(", ", plan.Selecting.Where(p => p.Tier.Description == deciding.Tier && p.Isolates(direction)).Select(p => p.Source.Description).Distinct(StringComparer.Ordinal));
            return Result(false, Decider.Tier, null,
                $"Denied: {host.Id} is selected for {dir} in the {deciding.Tier} by {policies}, and no rule of that tier decides {peerWord} on {connection}, so the tier's default (deny) applies: end of {deciding.Tier}: Deny.", deciding.Tier);
        }

        var profiles = host.Definition.Profiles.IsEmpty ? "it has no profile" : $"none of its profiles ({string.Join(", ", host.Definition.Profiles)}) allows it";
        return Result(false, Decider.Default, null,
            $"Denied: no policy of {host.Id} allows {dir} {peerWord} on {connection} and {profiles}; Calico denies a host endpoint's traffic that no policy or profile allows (only the failsafe ports stay open).", null);
    }

    /// <summary>What applies to one host endpoint: the policies selecting it, the tiers of each stage, its failsafe ports.</summary>
    private sealed record HostPlan(CompiledPolicy[] Selecting, CompiledTier[][] Tiers, Model.ValueArray<Model.Calico.CalicoFailsafePort> FailsafeInbound, Model.ValueArray<Model.Calico.CalicoFailsafePort> FailsafeOutbound);

    /// <summary>A host endpoint's side walked: what it allows, what the failsafe ports opened, and each stage's steps.</summary>
    private sealed record HostWalk(ConnectionSet Allowed, ConnectionSet Failsafe, List<(HostPolicyStage Stage, List<ProgramStep> Steps)> Stages);
}
