using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>One way to carry out an intent.</summary>
/// <param name="Title">What it does, in a sentence.</param>
/// <param name="IsExact">True when it changes the asked pair and nothing else.</param>
/// <param name="SideEffects">How many other pairs it changes.</param>
/// <param name="Warnings">What the user should know before applying it.</param>
/// <param name="Changes">The policy changes.</param>
/// <param name="Impact">Every pair they change.</param>
public sealed record IntentOption(string Title, bool IsExact, int SideEffects, IReadOnlyList<string> Warnings, IReadOnlyList<PolicyChange> Changes, IReadOnlyList<ConnectionChange> Impact);
