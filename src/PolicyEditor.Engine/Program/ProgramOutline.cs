using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Program;

/// <summary>
/// The policy program as a list a person reads: its tiers in the order they run, each with its policies
/// in the order they run (a policy split into variants by its dialect listed once), and where the
/// Kubernetes NetworkPolicies run in the tier that hosts them.
/// </summary>
public static class ProgramOutline
{
    /// <summary>The tiers of the evaluator's program in order, with their policies in order.</summary>
    public static IReadOnlyList<TierOutline> Of(ClusterEvaluator evaluator)
    {
        var networkPolicies = evaluator.Cluster.NetworkPolicies.Count;
        var result = new List<TierOutline>();
        foreach (var tier in evaluator.Program.Tiers)
        {
            var entries = new List<TierEntry>();
            var seen = new HashSet<PolicyKey>();
            for (var i = 0; i <= tier.Policies.Length; i++)
            {
                if (i == tier.NetworkPolicySlot && networkPolicies > 0)
                {
                    entries.Add(new TierEntry(null, $"{networkPolicies} Kubernetes NetworkPolicies", ProgramTier.NetworkPolicyOrder));
                }

                if (i < tier.Policies.Length && tier.Policies[i].Source is var p && seen.Add(p.Source))
                {
                    entries.Add(new TierEntry(p.Source, p.Description, p.ShownOrder));
                }
            }

            if (entries.Count > 0)
            {
                result.Add(new TierOutline(tier.Tier, entries));
            }
        }

        return result;
    }
}
