using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>
/// One decision of one side of a subject's traffic with one peer: the rule (or, when <see cref="Rule"/> is
/// null, the default named by <see cref="Why"/>) that decided <see cref="Connections"/>, and how.
/// </summary>
public sealed record SideDecision(RuleAction Action, ConnectionSet Connections, RuleReference? Rule, string Why);
