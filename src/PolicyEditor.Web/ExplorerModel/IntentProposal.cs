namespace PolicyEditor.Web.ExplorerModel;

/// <summary>The synthesizer's answer to "allow" or "deny" between two peers, as the dialog shows it.</summary>
/// <param name="Intent">What was asked, in a sentence.</param>
/// <param name="AlreadySatisfied">True when the draft already does it.</param>
/// <param name="Reason">Why no NetworkPolicy change can do it, when there is no option.</param>
/// <param name="Options">The ways to do it, best first.</param>
public sealed record IntentProposal(string Intent, bool AlreadySatisfied, string? Reason, IReadOnlyList<IntentOption> Options);
