using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Dialects.Calico;
using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Synthesis;

namespace PolicyEditor.Engine.Dialects;

/// <summary>
/// The one place that decides in which dialects a drawn allow or deny is offered: on a workspace that uses
/// Calico, Calico policy first (a rule ordered where it decides, instead of rewriting NetworkPolicies); then
/// CiliumNetworkPolicy on a workspace that uses Cilium, else NetworkPolicy.
/// </summary>
public static class DialectProposals
{
    /// <summary>The dialect new policy for <paramref name="cluster"/> is written in: Calico where it uses Calico, else Cilium where it uses Cilium, else NetworkPolicy.</summary>
    public static PolicyDialect DialectOf(Model.Cluster cluster) =>
        CalicoSynthesizer.UsesCalico(cluster) ? PolicyDialect.Calico
        : CiliumDialect.IsUsedBy(cluster) ? PolicyDialect.Cilium
        : PolicyDialect.NetworkPolicy;

    /// <summary>Options that allow (or, with <paramref name="revoke"/>, deny) <paramref name="connections"/> from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public static SynthesisResult Propose(ReachabilityMatrix current, bool revoke, SynthesisPeer source, SynthesisPeer destination, ConnectionSet connections)
    {
        var result = CiliumSynthesizer.Propose(current, revoke, source, destination, connections);
        if (result.AlreadySatisfied || !CalicoSynthesizer.UsesCalico(current.Evaluator.Cluster) || source.Endpoint is not { } from || destination.Endpoint is not { } to)
        {
            return result;
        }

        var calico = revoke ? CalicoSynthesizer.Revoke(current, from, to, connections) : CalicoSynthesizer.Allow(current, from, to, connections);
        List<SynthesisOption> options = [.. calico.Options, .. result.Options];
        return result with { Options = options, Reason = options.Count == 0 ? result.Reason : null };
    }
}
