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
    private readonly ProgramMemo? _previous;
    private readonly KeptParts _kept;

    /// <summary>What the part being compiled adds, while a part kept for reuse compiles.</summary>
    private ProgramMemo.Entry? _recording;

    internal ProgramBuilder(List<EngineDiagnostic> diagnostics, ProgramMemo? previous = null, KeptParts? kept = null)
    {
        _diagnostics = diagnostics;
        _previous = previous;
        _kept = kept ?? KeptParts.Everywhere;
    }

    /// <summary>What this compile made of the parts kept for reuse, for the next compile.</summary>
    internal ProgramMemo Memo { get; } = new();

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
        _recording?.Policies.Add((tier, policy));
    }

    /// <summary>Something compiling noticed that the person should know (a clash, a peer that cannot be matched).</summary>
    public void Warn(string subject, string message)
    {
        var warning = new EngineDiagnostic(DiagnosticSeverity.Warning, subject, message);
        _diagnostics.Add(warning);
        _recording?.Warnings.Add(warning);
    }

    /// <summary>
    /// Compiles one part of a dialect's program with <paramref name="compile"/> (the policies it adds, the warnings it
    /// gives, the value it returns), or, when an earlier compile (an edit's previous program, or any compile of this
    /// process while the key object lives) compiled the same <paramref name="key"/> object's <paramref name="part"/> in an
    /// equal <paramref name="context"/>, adds the same policy objects again, repeats the warnings and returns the same
    /// value. Policies added again keep their compiled form within an evaluator's compilation (an edit's), and are not
    /// built again in a new one, so a compile does only what changed. <paramref name="context"/> must hold everything
    /// besides the key object that the part's compile reads, and the part must read nothing of an evaluator.
    /// </summary>
    public T Reuse<T>(object key, string part, object context, Func<T> compile)
    {
        var done = _previous?.Find(key, part, context);
        if (done is not null)
        {
            _kept.Add(key, part, done);
        }
        else
        {
            done = _kept.Find(key, part, context);
        }

        if (done is not null)
        {
            foreach (var (tier, policy) in done.Policies)
            {
                Add(tier, policy);
            }

            foreach (var warning in done.Warnings)
            {
                _diagnostics.Add(warning);
                _recording?.Warnings.Add(warning);
            }

            Memo.Add(key, part, done);
            return (T)done.Value!;
        }

        var outer = _recording;
        var entry = new ProgramMemo.Entry(context, null, [], []);
        _recording = entry;
        T value;
        try
        {
            value = compile();
        }
        finally
        {
            _recording = outer;
        }

        entry = entry with { Value = value };
        outer?.Policies.AddRange(entry.Policies);
        outer?.Warnings.AddRange(entry.Warnings);
        Memo.Add(key, part, entry);
        _kept.Add(key, part, entry);
        return value;
    }

    /// <summary>The tiers in order, each with its policies in order.</summary>
    internal IReadOnlyList<(ProgramTier Tier, IReadOnlyList<ProgramPolicy> Policies)> Build() =>
        [.. _tiers.Values.OrderBy(t => t.Order).ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (t, (IReadOnlyList<ProgramPolicy>)[.. _policies[t.Name].OrderBy(p => p.Order).ThenBy(p => p.TieBreak, StringComparer.Ordinal)]))];
}
