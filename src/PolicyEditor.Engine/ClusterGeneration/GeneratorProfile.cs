namespace PolicyEditor.Engine.ClusterGeneration;

/// <summary>
/// The shape of a synthetic cluster, after the k8s-netpol-scale parameters: how many namespaces,
/// pods and policies, and how much each policy names (local pods, single ports, port ranges, peer
/// selectors with their namespaces and pods, CIDRs). Pods carry the labels <c>1..i=true</c> and
/// <c>num=i</c>, so a selector <c>{k: "true"}</c> takes in the pods numbered k and above.
/// <see cref="AdminPolicies"/> adds that many cluster administrators' policies (see <see cref="AdminTierGenerator"/>),
/// <see cref="CalicoPolicies"/> that many Calico policies in three tiers (see <see cref="CalicoTierGenerator"/>),
/// <see cref="CiliumPolicies"/> that many Cilium policies (see <see cref="CiliumPolicyGenerator"/>).
/// </summary>
public sealed record GeneratorProfile(
    string Name,
    string Description,
    int Namespaces,
    int PodsPerNamespace,
    int PoliciesPerNamespace,
    bool Ingress,
    bool Egress,
    int LocalPods,
    int SinglePorts,
    int PortRanges,
    int PodSelectors,
    int PeerNamespaces,
    int PeerPods,
    int Cidrs,
    double SelectNothingFraction = 0,
    bool UniqueHashLabels = true,
    bool NamedPorts = true,
    int AdminPolicies = 0,
    int CalicoPolicies = 0,
    int CiliumPolicies = 0)
{
    /// <summary>The upstream conformance shape: namespaces x, y, z with pods a, b, c on ports 80/81 of TCP, UDP and SCTP.</summary>
    public static readonly GeneratorProfile S0 = new("S0", "namespaces x, y, z with pods a, b, c; ports 80/81 over TCP, UDP, SCTP", 3, 3, 0, true, true, 1, 1, 0, 1, 1, 1, 0, UniqueHashLabels: false, NamedPorts: false);

    /// <summary>50 namespaces of 20 pods, 10 policies each with ingress and egress.</summary>
    public static readonly GeneratorProfile Med = new("MED", "50 namespaces x 20 pods, 10 policies per namespace with ingress and egress", 50, 20, 10, true, true, 10, 2, 1, 2, 2, 5, 1);

    /// <summary>240 namespaces of 10 pods, 20 policies each naming 5 of everything.</summary>
    public static readonly GeneratorProfile Ocp = new("OCP", "240 namespaces x 10 pods, 20 policies per namespace, each with 5 single ports, 5 port ranges, 5 peer namespaces, 5 peer pod selectors, 5 CIDRs", 240, 10, 20, true, true, 5, 5, 5, 5, 5, 5, 5);

    /// <summary>A realistic large cluster: about 600 namespaces, 5,400 pods, 13,700 policies, a quarter selecting nothing, unique hash labels on pods.</summary>
    public static readonly GeneratorProfile Real = new("REAL", "about 600 namespaces, 5,400 pods, 13,700 policies (a quarter select nothing), unique hash labels", 600, 9, 23, true, true, 3, 2, 1, 2, 2, 3, 1, SelectNothingFraction: 0.25);

    /// <summary>
    /// REAL under cluster administrators' tiers: hundreds of AdminNetworkPolicies and ClusterNetworkPolicies (Admin
    /// and Baseline tier) that Pass and Deny over its thousands of NetworkPolicies, and a BaselineAdminNetworkPolicy.
    /// </summary>
    public static readonly GeneratorProfile RealAdmin = Real with
    {
        Name = "REAL-ADMIN",
        Description = "REAL (600 namespaces, 5,400 pods, 13,700 NetworkPolicies) under 400 admin policies: AdminNetworkPolicies and Admin and Baseline tier ClusterNetworkPolicies with Pass and Deny",
        AdminPolicies = 400,
    };

    /// <summary>REAL's workloads and NetworkPolicies with a thousand Cilium policies: entities, CIDR sets, DNS names, denies (see <see cref="CiliumPolicyGenerator"/>).</summary>
    public static readonly GeneratorProfile RealCilium = Real with
    {
        Name = "REAL-CILIUM",
        Description = "REAL (600 namespaces, 5,400 pods, 13,700 NetworkPolicies) with 1,000 CiliumNetworkPolicies and CiliumClusterwideNetworkPolicies: entities, CIDR sets, DNS names, L7 rules, denies",
        CiliumPolicies = 1_000,
    };

    /// <summary>100,000 pods in 25,000 namespaces, 75,000 policies.</summary>
    /// <summary>REAL's workloads and NetworkPolicies under a thousand Calico policies in three tiers, with global network sets.</summary>
    public static readonly GeneratorProfile RealCalico = Real with
    {
        Name = "REAL-CALICO",
        Description = "REAL (600 namespaces, 5,400 pods, 13,700 NetworkPolicies in Calico's default tier) under 1,000 Calico policies in three tiers (security, platform, applications) with Deny, Pass and global network sets",
        CalicoPolicies = 1_000,
    };

    public static readonly GeneratorProfile XL = new("XL", "25,000 namespaces x 4 pods, 3 policies each (100k pods, 75k policies)", 25_000, 4, 3, true, true, 2, 1, 0, 1, 1, 2, 0);

    /// <summary>Every built-in profile.</summary>
    public static readonly IReadOnlyList<GeneratorProfile> All = [S0, Med, Ocp, Real, RealAdmin, RealCalico, RealCilium, XL];

    /// <summary>The profile of that name (case-insensitive), or null.</summary>
    public static GeneratorProfile? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
