using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Intents;

/// <summary>
/// A declared call resolved to the cluster: the client workloads (all whose Otterize name and kind match),
/// the targets, and why nothing resolved when that happens (<see cref="Problem"/>).
/// </summary>
public sealed record ResolvedCall(ClientIntents Intents, IntentCall Call, IReadOnlyList<Workload> Clients, IReadOnlyList<ResolvedTarget> Targets, string? Problem);
