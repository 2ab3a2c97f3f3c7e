namespace PolicyEditor.Engine.Intents;

/// <summary>What a declared call reaches: a workload, a Kubernetes Service, or a resource outside the pod network's rules.</summary>
public enum IntentCallType
{
    /// <summary>A workload in the cluster, by its Otterize name (and optionally kind); HTTP resources may narrow it.</summary>
    Kubernetes,

    /// <summary>A Kubernetes Service, by name: the pods it selects.</summary>
    Service,

    /// <summary>A Kafka server workload, with topics and operations.</summary>
    Kafka,

    /// <summary>A database server, with databases, tables and operations (granted as database users, not network rules).</summary>
    Database,

    /// <summary>Addresses outside the cluster: domains, IPs, ports.</summary>
    Internet,

    /// <summary>An AWS resource (IAM, not network rules).</summary>
    Aws,

    /// <summary>A GCP resource (IAM, not network rules).</summary>
    Gcp,

    /// <summary>An Azure resource (IAM, not network rules).</summary>
    Azure,
}
