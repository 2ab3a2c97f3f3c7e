using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Dialects.Calico;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Synthesis;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// On a workspace whose policy is written in Calico, the allow/deny dialog offers Calico policy first (a
/// Deny rule ordered before the allow, instead of rewriting NetworkPolicies), then the NetworkPolicy options.
/// </summary>
internal static class CalicoProposals
{
    /// <summary>The Calico options for one pair, first; none when the workspace does not use Calico or a side is a namespace.</summary>
    public static IReadOnlyList<SynthesisOption> For(ReachabilityMatrix draft, bool revoke, SynthesisPeer source, SynthesisPeer destination, ConnectionSet connections)
    {
        if (!CalicoSynthesizer.UsesCalico(draft.Evaluator.Cluster) || source.Endpoint is not { } from || destination.Endpoint is not { } to)
        {
            return [];
        }

        var result = revoke ? CalicoSynthesizer.Revoke(draft, from, to, connections) : CalicoSynthesizer.Allow(draft, from, to, connections);
        return result.Options;
    }
}
