namespace PolicyEditor.Engine.Model;

/// <summary>The objects that expose a Service through the cluster's ingress controller.</summary>
public enum ExposureKind
{
    /// <summary>A networking.k8s.io/v1 Ingress.</summary>
    Ingress,

    /// <summary>An OpenShift route.openshift.io/v1 Route.</summary>
    Route,
}
