namespace PolicyEditor.Engine.Intents;

/// <summary>
/// A workload as Otterize names it: its identity name (the root owner's name, or the pod annotation's
/// value), optionally with the Kubernetes kind that pins it down (<c>Deployment</c>, <c>StatefulSet</c>, ...).
/// </summary>
public sealed record IntentWorkload(string Name, string? Kind)
{
    /// <inheritdoc />
    public override string ToString() => Kind is null ? Name : $"{Name} ({Kind})";
}
