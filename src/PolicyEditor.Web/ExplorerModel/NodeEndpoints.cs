using System.Net;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Synthesis;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>Between the graph's node ids and the engine's endpoints, and parsing what a user types as a peer.</summary>
public static class NodeEndpoints
{
    /// <summary>The endpoint a graph node stands for (an external block by its first address), or null for namespaces and groups.</summary>
    public static Endpoint? Of(string nodeId, ReachabilityMatrix matrix)
    {
        if (GraphIds.WorkloadOf(nodeId) is { } workloadId)
        {
            var i = matrix.IndexOf(workloadId);
            return i < 0 ? null : Endpoint.Of(matrix.Workloads[i]);
        }

        if (nodeId == GraphIds.Controller)
        {
            return matrix.HasIngressController ? Endpoint.IngressController : null;
        }

        if (nodeId == GraphIds.Internet)
        {
            var block = InternetBlocks(matrix).FirstOrDefault();
            return block is null ? null : Endpoint.Of(FirstAddress(block.Representative));
        }

        if (nodeId.StartsWith("x:", StringComparison.Ordinal) && nodeId != GraphIds.Externals)
        {
            var dash = nodeId.IndexOf('-', StringComparison.Ordinal);
            return dash > 2 && IPAddress.TryParse(nodeId[2..dash], out var first) ? Endpoint.Of(first) : null;
        }

        return null;
    }

    /// <summary>
    /// The endpoints a node stands for: itself, or every workload of a namespace, or every named external
    /// block (one address of each) for the group of external blocks.
    /// </summary>
    public static IReadOnlyList<Endpoint> Members(string nodeId, ReachabilityMatrix matrix)
    {
        if (GraphIds.NamespaceOf(nodeId) is { } ns)
        {
            return [.. matrix.Workloads.Where(w => w.Namespace == ns).Select(Endpoint.Of)];
        }

        if (nodeId == GraphIds.Externals)
        {
            var internet = InternetBlocks(matrix).ToHashSet();
            return [.. matrix.External.Blocks.Where(b => !internet.Contains(b)).Select(b => Endpoint.Of(FirstAddress(b.Representative)))];
        }

        return Of(nodeId, matrix) is { } single ? [single] : [];
    }

    /// <summary>The name a person reads for an endpoint: <c>shop/frontend</c>, an address, <c>{ingress-controller}</c>.</summary>
    public static string Describe(Endpoint endpoint) => endpoint switch
    {
        Engine.Evaluation.WorkloadEndpoint w => $"{w.Workload.Namespace}/{w.Workload.Name}",
        Engine.Evaluation.ExternalEndpoint e when e.Range.First == e.Range.Last => AddressRange.Format(e.Range.Family, e.Range.First),
        Engine.Evaluation.ExternalEndpoint e => string.Join(", ", e.Range.ToCidrs()),
        _ => endpoint.Id,
    };

    /// <summary>What a user types for an endpoint, which <see cref="Parse"/> reads back.</summary>
    public static string TextOf(Endpoint endpoint, ReachabilityMatrix matrix) => endpoint switch
    {
        Engine.Evaluation.WorkloadEndpoint w => matrix.Workloads.Count(x => x.Namespace == w.Workload.Namespace && x.Name == w.Workload.Name) > 1 ? w.Workload.Id : $"{w.Workload.Namespace}/{w.Workload.Name}",
        Engine.Evaluation.ExternalEndpoint e => AddressRange.Format(e.Range.Family, e.Range.First),
        _ => endpoint.Id,
    };

    /// <summary>What a user types for one end of an intent: the endpoint's text, or <c>ns/*</c> for a namespace.</summary>
    public static string TextOf(SynthesisPeer peer, ReachabilityMatrix matrix) => peer.Endpoint is { } e ? TextOf(e, matrix) : $"{peer.Namespace}/*";

    /// <summary>The peer a graph node stands for in an intent: a namespace box stands for the whole namespace.</summary>
    public static SynthesisPeer? PeerOf(string nodeId, ReachabilityMatrix matrix) =>
        GraphIds.NamespaceOf(nodeId) is { } ns ? SynthesisPeer.OfNamespace(ns) : Of(nodeId, matrix) is { } e ? SynthesisPeer.Of(e) : null;

    /// <summary>One end of an intent as typed: <c>ns/*</c> for every workload of a namespace, a CIDR for a whole range, else as <see cref="Parse"/>.</summary>
    public static SynthesisPeer? ParsePeer(string? text, ReachabilityMatrix matrix, out string? error)
    {
        text = text?.Trim() ?? string.Empty;
        if (text.EndsWith("/*", StringComparison.Ordinal))
        {
            var ns = text[..^2];
            if (matrix.Workloads.Any(w => w.Namespace == ns))
            {
                error = null;
                return SynthesisPeer.OfNamespace(ns);
            }

            error = $"No workload in a namespace '{ns}' in this workspace.";
            return null;
        }

        if (text.Contains('/', StringComparison.Ordinal) && Cidr.TryParse(text, out var cidr, out _))
        {
            error = null;
            return SynthesisPeer.Of(Endpoint.Of(cidr.Range));
        }

        return Parse(text, matrix, out error) is { } endpoint ? SynthesisPeer.Of(endpoint) : null;
    }

    /// <summary>
    /// A peer typed by the user: a workload (<c>ns/name</c>, <c>ns/name[Kind]</c>, or a bare name when unique),
    /// an IP address, or <c>{ingress-controller}</c>; null with a reason otherwise.
    /// </summary>
    public static Endpoint? Parse(string? text, ReachabilityMatrix matrix, out string? error)
    {
        error = null;
        text = text?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            error = "Name a workload (namespace/name), a namespace (namespace/*), an IP address or {ingress-controller}.";
            return null;
        }

        if (text is "{ingress-controller}" or "ingress-controller")
        {
            return Endpoint.IngressController;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            return Endpoint.Of(address);
        }

        if (text.Contains('/', StringComparison.Ordinal) && Cidr.TryParse(text, out _, out _))
        {
            error = $"'{text}' is a range: name one address of it (for example its first, {text.Split('/')[0]}).";
            return null;
        }

        var cluster = matrix.Evaluator.Cluster;
        var workload = cluster.FindWorkload(text);
        if (workload is not null)
        {
            return Endpoint.Of(workload);
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var named = slash > 0
            ? cluster.Workloads.Where(w => w.Namespace == text[..slash] && w.Name == text[(slash + 1)..]).ToList()
            : cluster.Workloads.Where(w => w.Name == text).ToList();
        if (named.Count == 1)
        {
            return Endpoint.Of(named[0]);
        }

        error = named.Count > 1
            ? $"'{text}' names several workloads: {string.Join(", ", named.Take(5).Select(w => w.Id))}. Use namespace/name[Kind]."
            : $"No workload '{text}' in this workspace. Name a workload as namespace/name, an IP address or {{ingress-controller}}.";
        return null;
    }

    /// <summary>The external blocks no policy names: "the internet".</summary>
    public static IEnumerable<ExternalBlock> InternetBlocks(ReachabilityMatrix matrix)
    {
        var policySets = matrix.Evaluator.AddressSets().ToList();
        return matrix.External.Blocks.Where(b => !policySets.Any(s => s.Contains(b.Representative)));
    }

    private static IPAddress FirstAddress(AddressRange range) => IPAddress.Parse(AddressRange.Format(range.Family, range.First));
}
