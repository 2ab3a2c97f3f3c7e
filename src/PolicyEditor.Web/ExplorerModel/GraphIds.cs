using PolicyEditor.Engine.Addresses;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>The ids and kinds of graph nodes, shared by the builder, the page, the browser module and tests.</summary>
public static class GraphIds
{
    /// <summary>Every address outside the cluster that no policy names.</summary>
    public const string Internet = "x:internet";

    /// <summary>The named external blocks drawn as one node, when there are too many to draw one by one.</summary>
    public const string Externals = "x:external";

    /// <summary>The ingress controller.</summary>
    public const string Controller = "ic";

    public const string NamespaceKind = "namespace";
    public const string WorkloadKind = "workload";
    public const string ExternalKind = "external";
    public const string ExternalsKind = "externals";
    public const string InternetKind = "internet";
    public const string ControllerKind = "controller";
    public const string SpecialKind = "special";
    public const string DnsKind = "dns";

    /// <summary>The kind of a Calico host endpoint's node (a node's interface, <c>NAME[HostEndpoint]</c>).</summary>
    public const string HostEndpointKind = "host-endpoint";
    public const string NamespaceGroupKind = "nsgroup";

    /// <summary>The box of the namespaces that carry one value of a namespace label, on a large cluster's overview.</summary>
    public static string NamespaceGroup(string key, string value) => $"nsg:{key}={value}";

    /// <summary>The node of a workload (<c>ns/name[Kind]</c>).</summary>
    /// <summary>A special peer (<c>{host}</c>) or a DNS name (<c>api.example.com[DNS]</c>).</summary>
    public static string Other(string endpointId) => $"o:{endpointId}";

    public static string Workload(string workloadId) => $"w:{workloadId}";

    /// <summary>The node of a namespace.</summary>
    public static string Namespace(string ns) => $"ns:{ns}";

    /// <summary>The node of a named external block, by its first range.</summary>
    public static string External(AddressRange representative) => $"x:{representative}";

    /// <summary>The workload id of a workload node, or null.</summary>
    public static string? WorkloadOf(string nodeId) => nodeId.StartsWith("w:", StringComparison.Ordinal) ? nodeId[2..] : null;

    /// <summary>The namespace of a namespace node, or null.</summary>
    public static string? NamespaceOf(string nodeId) => nodeId.StartsWith("ns:", StringComparison.Ordinal) ? nodeId[3..] : null;

    /// <summary>The edge between two nodes.</summary>
    public static string Edge(string source, string target) => $"{source}->{target}";
}
