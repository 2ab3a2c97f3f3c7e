namespace PolicyEditor.Engine.EntryPoints;

/// <summary>How traffic from outside the cluster gets in.</summary>
public enum EntryPointKind
{
    /// <summary>A Service of type NodePort: a port on every node.</summary>
    NodePort,

    /// <summary>A Service of type LoadBalancer: a cloud load balancer in front of node ports.</summary>
    LoadBalancer,

    /// <summary>An Ingress, through the cluster's ingress controller.</summary>
    Ingress,

    /// <summary>An OpenShift Route, through the router.</summary>
    Route,
}
