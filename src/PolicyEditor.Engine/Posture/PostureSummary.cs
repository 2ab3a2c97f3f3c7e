namespace PolicyEditor.Engine.Posture;

/// <summary>
/// The cluster's security posture: per namespace and workload, and a score from 0 to 100 with the
/// reasons it is not higher (each with the workloads it is about).
/// </summary>
public sealed record PostureSummary(
    int Score,
    IReadOnlyList<PostureReason> Reasons,
    IReadOnlyList<NamespacePosture> Namespaces,
    IReadOnlyList<WorkloadPosture> Workloads);

/// <summary>One reason the score is not higher: what, how many points it costs, and where.</summary>
public sealed record PostureReason(string Message, int Points, IReadOnlyList<string> Subjects);
