namespace PolicyEditor.Engine.Synthesis;

/// <summary>
/// The answer to an intent: a sentence on what was asked, and the ways to do it, best first (empty,
/// with <see cref="Reason"/>, when no NetworkPolicy change can do it, e.g. an admin policy decides).
/// </summary>
public sealed record SynthesisResult(string Intent, IReadOnlyList<SynthesisOption> Options, string? Reason)
{
    /// <summary>The recommended option, if any.</summary>
    public SynthesisOption? Best => Options.Count > 0 ? Options[0] : null;

    /// <summary>True when nothing needs to change: the traffic is already as asked.</summary>
    public bool AlreadySatisfied { get; init; }
}
