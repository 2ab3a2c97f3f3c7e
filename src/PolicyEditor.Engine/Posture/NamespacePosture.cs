namespace PolicyEditor.Engine.Posture;

/// <summary>A namespace's isolation at a glance: how many of its workloads are isolated each way, and whether it has default-deny policies.</summary>
public sealed record NamespacePosture(
    string Namespace,
    int Workloads,
    int IngressIsolated,
    int EgressIsolated,
    bool DefaultDenyIngress,
    bool DefaultDenyEgress);
