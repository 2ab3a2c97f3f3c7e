using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Program;

/// <summary>
/// Collects what the dialects compile: tiers, and policies in them. A tier named twice must be the
/// same tier; a policy goes into a tier declared before it.
/// </summary>
public sealed class ProgramBuilder
{
    private readonly Dictionary<string, ProgramTier> _tiers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ProgramPolicy>> _policies = new(StringComparer.Ordinal);
    private readonly List<EngineDiagnostic> _diagnostics;

    internal ProgramBuilder(List<EngineDiagnostic> diagnostics) => _diagnostics = diagnostics;

    /// <summary>The tiers declared so far.</summary>
    public IReadOnlyCollection<ProgramTier> Tiers => _tiers.Values;

    /// <summary>Declares a tier (again: no change).</summary>
    public void Tier(ProgramTier tier)
    {
        if (!_tiers.TryAdd(tier.Name, tier) && _tiers[tier.Name] != tier)
        {
            throw new InvalidOperationException($"Tier {tier.Name} is declared twice with different settings.");
        }

        _policies.TryAdd(tier.Name, []);
    }

    /// <summary>Adds a policy to a declared tier.</summary>
    public void Add(string tier, ProgramPolicy policy)
    {
        if (!_policies.TryGetValue(tier, out var list))
        {
            throw new InvalidOperationException($"Tier {tier} is not declared.");
        }

        list.Add(policy);
    }

    /// <summary>Something compiling noticed that the person should know (a clash, a peer that cannot be matched).</summary>
    public void Warn(string subject, string message) => _diagnostics.Add(new EngineDiagnostic(DiagnosticSeverity.Warning, subject, message));

    /// <summary>The tiers in order, each with its policies in order.</summary>
    internal IReadOnlyList<(ProgramTier Tier, IReadOnlyList<ProgramPolicy> Policies)> Build() =>
        [.. _tiers.Values.OrderBy(t => t.Order).ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (t, (IReadOnlyList<ProgramPolicy>)[.. _policies[t.Name].OrderBy(p => p.Order).ThenBy(p => p.TieBreak, StringComparer.Ordinal)]))];
}
