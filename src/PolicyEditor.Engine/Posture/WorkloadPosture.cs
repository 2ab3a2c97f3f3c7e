using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Posture;

/// <summary>
/// How exposed one workload is: whether each direction is isolated, what reaches it from outside the
/// cluster (addresses and the ingress controller), what of the internet it can reach, and how many
/// workloads of other namespaces can reach it.
/// </summary>
public sealed record WorkloadPosture(
    string Workload,
    string Namespace,
    bool IngressIsolated,
    bool EgressIsolated,
    ConnectionSet FromOutside,
    ConnectionSet FromIngressController,
    ConnectionSet ToInternet,
    bool ReachesAllOfInternet,
    int ReachableFromOtherNamespaces);
