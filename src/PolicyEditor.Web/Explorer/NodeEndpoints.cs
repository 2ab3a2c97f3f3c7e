using System.Net;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Reachability;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.Explorer;

/// <summary>Between the graph's node ids and the engine's endpoints, and parsing what a user types as a peer.</summary>
public static class NodeEndpoints
{
    /// <summary>The endpoint a graph node stands for (an external block by its first address), or null for namespaces.</summary>
    public static Endpoint? Of(string nodeId, ReachabilityMatrix matrix)
    {
        if (nodeId.StartsWith("w:", StringComparison.Ordinal))
        {
            var i = matrix.IndexOf(nodeId[2..]);
            return i < 0 ? null : Endpoint.Of(matrix.Workloads[i]);
        }

        if (nodeId == GraphModelBuilder.ControllerId)
        {
            return Endpoint.IngressController;
        }

        if (nodeId == GraphModelBuilder.InternetId)
        {
            var policySets = matrix.Evaluator.AddressSets().ToList();
            var block = matrix.External.Blocks.FirstOrDefault(b => !policySets.Any(s => s.Contains(b.Representative)));
            return block is null ? null : Endpoint.Of(SingleAddress(block.Representative));
        }

        if (nodeId.StartsWith("x:", StringComparison.Ordinal))
        {
            var dash = nodeId.IndexOf('-', StringComparison.Ordinal);
            return dash > 2 && IPAddress.TryParse(nodeId[2..dash], out var first) ? Endpoint.Of(first) : null;
        }

        return null;
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
            error = "Name a workload, an IP address or {ingress-controller}.";
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

        var cluster = matrix.Evaluator.Cluster;
        var workload = cluster.FindWorkload(text);
        if (workload is not null)
        {
            return Endpoint.Of(workload);
        }

        var named = cluster.Workloads.Where(w => w.Name == text).ToList();
        if (named.Count == 1)
        {
            return Endpoint.Of(named[0]);
        }

        error = named.Count > 1
            ? $"'{text}' is in several namespaces: {string.Join(", ", named.Select(w => w.Id))}."
            : $"No workload '{text}' in this workspace.";
        return null;
    }

    private static IPAddress SingleAddress(AddressRange range) => IPAddress.Parse(AddressRange.Format(range.Family, range.First));
}
