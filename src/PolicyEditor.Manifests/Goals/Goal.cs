using PolicyEditor.Engine.Goals;

namespace PolicyEditor.Manifests.Goals;

/// <summary>One reachability requirement of a goals file: its name, the check, and the line it is written on.</summary>
public sealed record Goal(string Name, ReachabilityCheck Check, int Line);
