namespace PolicyEditor.Engine.Program;

/// <summary>One tier of the policy program and its policies, in the order they run (see <see cref="ProgramOutline"/>).</summary>
/// <param name="Tier">The tier: its name, order and default action.</param>
/// <param name="Policies">Its policies in order.</param>
public sealed record TierOutline(ProgramTier Tier, IReadOnlyList<TierEntry> Policies);
