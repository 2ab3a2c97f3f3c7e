namespace PolicyEditor.Engine.Model;

/// <summary>How a Service is reached: inside the cluster only, or also from outside (a port on every node, a load balancer).</summary>
public enum ServiceType
{
    /// <summary>A cluster-internal virtual IP (the default).</summary>
    ClusterIP,

    /// <summary>A port on every node, reachable from outside the cluster.</summary>
    NodePort,

    /// <summary>A cloud load balancer in front of node ports.</summary>
    LoadBalancer,

    /// <summary>A DNS alias to a name outside the cluster; selects no pods.</summary>
    ExternalName,
}
