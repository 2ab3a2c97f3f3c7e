namespace PolicyEditor.Engine.Posture;

/// <summary>
/// A namespace's isolation at a glance: how many of its workloads are isolated each way, whether it has
/// default-deny policies, and its own score with the reasons it is not higher (scored as the cluster is).
/// </summary>
public sealed record NamespacePosture(
    string Namespace,
    int Workloads,
    int IngressIsolated,
    int EgressIsolated,
    bool DefaultDenyIngress,
    bool DefaultDenyEgress,
    int Score,
    IReadOnlyList<PostureReason> Reasons);
