using k8s;

namespace PolicyEditor.LiveCluster;

/// <summary>
/// Every kind read from a live cluster: namespaces, pods and the workloads that make pods, Services,
/// Ingresses and Routes, and every policy kind the engine models. A kind the loader learns is one line here.
/// </summary>
internal static class ApiResources
{
    /// <summary>Namespaces, read first: their labels are what namespace selectors match.</summary>
    public static readonly ApiResource Namespace = ApiResource.Typed("Namespace", "v1", "namespaces",
        (c, t, l, x) => c.CoreV1.ListNamespaceAsync(continueParameter: t, limit: l, cancellationToken: x), null);

    /// <summary>The rest, in the order they are read.</summary>
    public static readonly IReadOnlyList<ApiResource> Namespaced =
    [
        ApiResource.Typed("Pod", "v1", "pods",
            (c, t, l, x) => c.CoreV1.ListPodForAllNamespacesAsync(continueParameter: t, limit: l, cancellationToken: x),
            (c, n, t, l, x) => c.CoreV1.ListNamespacedPodAsync(n, continueParameter: t, limit: l, cancellationToken: x)),
        ApiResource.Typed("Deployment", "apps/v1", "deployments",
            (c, t, l, x) => c.AppsV1.ListDeploymentForAllNamespacesAsync(continueParameter: t, limit: l, cancellationToken: x),
            (c, n, t, l, x) => c.AppsV1.ListNamespacedDeploymentAsync(n, continueParameter: t, limit: l, cancellationToken: x)),
        ApiResource.Typed("ReplicaSet", "apps/v1", "replicasets",
            (c, t, l, x) => c.AppsV1.ListReplicaSetForAllNamespacesAsync(continueParameter: t, limit: l, cancellationToken: x),
            (c, n, t, l, x) => c.AppsV1.ListNamespacedReplicaSetAsync(n, continueParameter: t, limit: l, cancellationToken: x)),
        ApiResource.Typed("StatefulSet", "apps/v1", "statefulsets",
            (c, t, l, x) => c.AppsV1.ListStatefulSetForAllNamespacesAsync(continueParameter: t, limit: l, cancellationToken: x),
            (c, n, t, l, x) => c.AppsV1.ListNamespacedStatefulSetAsync(n, continueParameter: t, limit: l, cancellationToken: x)),
        ApiResource.Typed("DaemonSet", "apps/v1", "daemonsets",
            (c, t, l, x) => c.AppsV1.ListDaemonSetForAllNamespacesAsync(continueParameter: t, limit: l, cancellationToken: x),
            (c, n, t, l, x) => c.AppsV1.ListNamespacedDaemonSetAsync(n, continueParameter: t, limit: l, cancellationToken: x)),
        ApiResource.Typed("ReplicationController", "v1", "replicationcontrollers",
            (c, t, l, x) => c.CoreV1.ListReplicationControllerForAllNamespacesAsync(continueParameter: t, limit: l, cancellationToken: x),
            (c, n, t, l, x) => c.CoreV1.ListNamespacedReplicationControllerAsync(n, continueParameter: t, limit: l, cancellationToken: x)),
        ApiResource.Typed("Job", "batch/v1", "jobs",
            (c, t, l, x) => c.BatchV1.ListJobForAllNamespacesAsync(continueParameter: t, limit: l, cancellationToken: x),
            (c, n, t, l, x) => c.BatchV1.ListNamespacedJobAsync(n, continueParameter: t, limit: l, cancellationToken: x)),
        ApiResource.Typed("CronJob", "batch/v1", "cronjobs",
            (c, t, l, x) => c.BatchV1.ListCronJobForAllNamespacesAsync(continueParameter: t, limit: l, cancellationToken: x),
            (c, n, t, l, x) => c.BatchV1.ListNamespacedCronJobAsync(n, continueParameter: t, limit: l, cancellationToken: x)),
        ApiResource.Custom("DeploymentConfig", "apps.openshift.io", "v1", "deploymentconfigs", namespaced: true),
        ApiResource.Typed("Service", "v1", "services",
            (c, t, l, x) => c.CoreV1.ListServiceForAllNamespacesAsync(continueParameter: t, limit: l, cancellationToken: x),
            (c, n, t, l, x) => c.CoreV1.ListNamespacedServiceAsync(n, continueParameter: t, limit: l, cancellationToken: x)),
        ApiResource.Typed("ServiceAccount", "v1", "serviceaccounts",
            (c, t, l, x) => c.CoreV1.ListServiceAccountForAllNamespacesAsync(continueParameter: t, limit: l, cancellationToken: x),
            (c, n, t, l, x) => c.CoreV1.ListNamespacedServiceAccountAsync(n, continueParameter: t, limit: l, cancellationToken: x)),
        ApiResource.Typed("Ingress", "networking.k8s.io/v1", "ingresses",
            (c, t, l, x) => c.NetworkingV1.ListIngressForAllNamespacesAsync(continueParameter: t, limit: l, cancellationToken: x),
            (c, n, t, l, x) => c.NetworkingV1.ListNamespacedIngressAsync(n, continueParameter: t, limit: l, cancellationToken: x)),
        ApiResource.Custom("Route", "route.openshift.io", "v1", "routes", namespaced: true),
        ApiResource.Typed("NetworkPolicy", "networking.k8s.io/v1", "networkpolicies",
            (c, t, l, x) => c.NetworkingV1.ListNetworkPolicyForAllNamespacesAsync(continueParameter: t, limit: l, cancellationToken: x),
            (c, n, t, l, x) => c.NetworkingV1.ListNamespacedNetworkPolicyAsync(n, continueParameter: t, limit: l, cancellationToken: x)),
        ApiResource.Custom("AdminNetworkPolicy", "policy.networking.k8s.io", "v1alpha1", "adminnetworkpolicies", namespaced: false),
        ApiResource.Custom("BaselineAdminNetworkPolicy", "policy.networking.k8s.io", "v1alpha1", "baselineadminnetworkpolicies", namespaced: false),
        ApiResource.Custom("ClusterNetworkPolicy", "policy.networking.k8s.io", "v1alpha2", "clusternetworkpolicies", namespaced: false),
        ApiResource.Custom("VirtualMachine", "kubevirt.io", "v1", "virtualmachines", namespaced: true),
        ApiResource.Custom("VirtualMachineInstance", "kubevirt.io", "v1", "virtualmachineinstances", namespaced: true),
        ApiResource.Custom("CiliumNetworkPolicy", "cilium.io", "v2", "ciliumnetworkpolicies", namespaced: true),
        ApiResource.Custom("CiliumClusterwideNetworkPolicy", "cilium.io", "v2", "ciliumclusterwidenetworkpolicies", namespaced: false),
        ApiResource.Custom("CiliumCIDRGroup", "cilium.io", "v2", "ciliumcidrgroups", namespaced: false),
        ApiResource.Custom("ClientIntents", "k8s.otterize.com", "v2beta1", "clientintents", namespaced: true),
        // Calico's kinds as its API server serves them (projectcalico.org/v3; the loader also reads the crd.projectcalico.org/v1 form from files).
        ApiResource.Custom("Tier", CalicoGroup, "v3", "tiers", namespaced: false),
        ApiResource.Custom("NetworkPolicy", CalicoGroup, "v3", "networkpolicies", namespaced: true),
        ApiResource.Custom("GlobalNetworkPolicy", CalicoGroup, "v3", "globalnetworkpolicies", namespaced: false),
        ApiResource.Custom("StagedNetworkPolicy", CalicoGroup, "v3", "stagednetworkpolicies", namespaced: true),
        ApiResource.Custom("StagedGlobalNetworkPolicy", CalicoGroup, "v3", "stagedglobalnetworkpolicies", namespaced: false),
        ApiResource.Custom("StagedKubernetesNetworkPolicy", CalicoGroup, "v3", "stagedkubernetesnetworkpolicies", namespaced: true),
        ApiResource.Custom("NetworkSet", CalicoGroup, "v3", "networksets", namespaced: true),
        ApiResource.Custom("GlobalNetworkSet", CalicoGroup, "v3", "globalnetworksets", namespaced: false),
        ApiResource.Custom("Profile", CalicoGroup, "v3", "profiles", namespaced: false),
        ApiResource.Custom("HostEndpoint", CalicoGroup, "v3", "hostendpoints", namespaced: false),
        ApiResource.Custom("FelixConfiguration", CalicoGroup, "v3", "felixconfigurations", namespaced: false),
    ];

    private const string CalicoGroup = "projectcalico.org";

    /// <summary>Every kind, namespaces first.</summary>
    public static IEnumerable<ApiResource> All => [Namespace, .. Namespaced];
}
