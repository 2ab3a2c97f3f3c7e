using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Intents;

/// <summary>
/// An Otterize ClientIntents object (<c>k8s.otterize.com</c>): one client workload and the targets it
/// declares it calls. Every API version loads into this one model; it is a declaration, never enforced
/// itself (the NetworkPolicies generated from it are).
/// </summary>
public sealed record ClientIntents(string Namespace, string Name, IntentWorkload Client, ValueArray<IntentCall> Calls)
{
    /// <summary>The object's name in reports: <c>namespace/name</c>.</summary>
    public string Id => $"{Namespace}/{Name}";

    /// <inheritdoc />
    public override string ToString() => $"ClientIntents {Id}";
}
