namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>The labels Cilium gives an endpoint's identity besides the pod's own, and how selectors write label keys.</summary>
public static class CiliumLabels
{
    /// <summary>The pod's namespace.</summary>
    public const string PodNamespace = "io.kubernetes.pod.namespace";

    /// <summary>The pod's service account.</summary>
    public const string ServiceAccount = "io.cilium.k8s.policy.serviceaccount";

    /// <summary>The cluster's name.</summary>
    public const string Cluster = "io.cilium.k8s.policy.cluster";

    /// <summary>The prefix of the labels of the pod's namespace.</summary>
    public const string NamespaceLabelPrefix = "io.cilium.k8s.namespace.labels.";

    /// <summary>The prefix of the reserved labels that select entities (<c>reserved:host</c>).</summary>
    public const string ReservedPrefix = "reserved:";

    /// <summary>The cluster name a single cluster has.</summary>
    public const string DefaultClusterName = "default";

    /// <summary>A selector key without its source prefix (<c>k8s:</c>, <c>any:</c>); reserved keys keep theirs.</summary>
    public static string Normalize(string key) => HasSourcePrefix(key) ? key[4..] : key;

    /// <summary>A selector key without its source prefix, without copying it (<see cref="Normalize"/>).</summary>
    internal static ReadOnlySpan<char> Normalized(string key) => HasSourcePrefix(key) ? key.AsSpan(4) : key;

    private static bool HasSourcePrefix(string key) => key.StartsWith("k8s:", StringComparison.Ordinal) || key.StartsWith("any:", StringComparison.Ordinal);
}
