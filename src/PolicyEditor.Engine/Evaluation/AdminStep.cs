using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>An admin policy rule whose peers matched, in evaluation order, and whether its ports took in the connection asked about.</summary>
public sealed record AdminStep(RuleReference Rule, AdminAction Action, bool CoversPort);
