namespace PolicyEditor.Engine.Intents;

/// <summary>
/// The intent view of a cluster: every declared network call per client and target with its class, the
/// allowed pairs no intent declares (among the workloads intents speak of), the calls that are not network
/// calls (kept and shown), and the calls that did not resolve.
/// </summary>
public sealed record IntentsAnalysis(
    IReadOnlyList<IntentFinding> Findings,
    IReadOnlyList<ResolvedCall> OtherCalls,
    IReadOnlyList<ResolvedCall> Unresolved)
{
    /// <summary>No intents at all.</summary>
    public static readonly IntentsAnalysis Empty = new([], [], []);

    /// <summary>The findings of one class.</summary>
    public IEnumerable<IntentFinding> OfClass(IntentClass c) => Findings.Where(f => f.Class == c);

    /// <summary>How many findings each class has.</summary>
    public int Count(IntentClass c) => Findings.Count(f => f.Class == c);

    /// <summary>True when some declared call is blocked.</summary>
    public bool AnyBlocked => Findings.Any(f => f.Class == IntentClass.IntendedBlocked);
}
