using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.ClusterGeneration;

/// <summary>One step of an edit script: what it does in words, and the policy change.</summary>
public sealed record EditStep(string Description, PolicyChange Change);
