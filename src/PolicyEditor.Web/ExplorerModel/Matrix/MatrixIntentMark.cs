using PolicyEditor.Engine.Intents;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>The intent findings of one cell of the matrix: how many of each class, and the first few in words.</summary>
/// <param name="Allowed">Intended and allowed.</param>
/// <param name="Blocked">Intended but blocked (the app will break).</param>
/// <param name="Gaps">Allowed but never intended (a least-privilege gap).</param>
/// <param name="Lines">The first findings, described.</param>
public sealed record MatrixIntentMark(int Allowed, int Blocked, int Gaps, IReadOnlyList<string> Lines)
{
    /// <summary>How many findings of a class.</summary>
    public int Count(IntentClass c) => c switch
    {
        IntentClass.IntendedAllowed => Allowed,
        IntentClass.IntendedBlocked => Blocked,
        _ => Gaps,
    };

    /// <summary>The class that matters most among those shown: blocked, then a gap, then allowed; null when none is shown.</summary>
    public IntentClass? Worst(IReadOnlySet<IntentClass> shown) =>
        new[] { IntentClass.IntendedBlocked, IntentClass.AllowedNotIntended, IntentClass.IntendedAllowed }
            .Where(c => shown.Contains(c) && Count(c) > 0).Cast<IntentClass?>().FirstOrDefault();

    /// <summary>The mark a cell shows for a class: ✓ intended and allowed, ✕ intended but blocked, ! allowed but never intended.</summary>
    public static string Glyph(IntentClass c) => c switch
    {
        IntentClass.IntendedAllowed => "✓",
        IntentClass.IntendedBlocked => "✕",
        _ => "!",
    };
}
