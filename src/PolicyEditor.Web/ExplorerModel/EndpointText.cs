using System.Net;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Synthesis;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>Endpoints as people read and type them: names for the inspector and the impact list, and what is typed into the ask box and the allow/deny dialog read back.</summary>
public static partial class EndpointText
{
    /// <summary>The name a person reads for an endpoint: <c>shop/frontend</c>, an address or a block's CIDRs, <c>{ingress-controller}</c>.</summary>
    public static string Describe(Endpoint endpoint) => endpoint switch
    {
        WorkloadEndpoint w => $"{w.Workload.Namespace}/{w.Workload.Name}",
        ExternalEndpoint e => string.Join(", ", e.Range.First == e.Range.Last ? [AddressRange.Format(e.Range.Family, e.Range.First)] : e.Range.ToCidrs()),
        _ => endpoint.Id,
    };

    /// <summary>The endpoint's id (<c>shop/frontend[Deployment]</c>), with addresses outside the cluster in CIDR notation instead of the report form <c>first-last[External]</c>.</summary>
    public static string Id(Endpoint endpoint) => endpoint is ExternalEndpoint e ? AddressText.Of(e.Range, 2) : endpoint.Id;

    /// <summary>An end of a reported change, shortly: <c>shop/frontend</c>, an address or CIDRs for an external range (the first few), <c>{ingress-controller}</c>.</summary>
    public static string Short(Endpoint endpoint) => endpoint switch
    {
        WorkloadEndpoint w => $"{w.Workload.Namespace}/{w.Workload.Name}",
        ExternalEndpoint e => AddressText.Of(e.Range, 2),
        _ => endpoint.Id,
    };

    /// <summary>One address of an external range (its first), the endpoint the explorer explains a block by.</summary>
    public static Endpoint FirstAddress(AddressRange range) => Endpoint.Of(new AddressRange(range.Family, range.First, range.First));

    /// <summary>What a user types for an endpoint, which <see cref="Parse"/> reads back.</summary>
    public static string TextOf(Endpoint endpoint, ReachabilityMatrix matrix) => endpoint switch
    {
        WorkloadEndpoint w => matrix.Workloads.Count(x => x.Namespace == w.Workload.Namespace && x.Name == w.Workload.Name) > 1 ? w.Workload.Id : $"{w.Workload.Namespace}/{w.Workload.Name}",
        ExternalEndpoint e when e.Range.First == e.Range.Last => AddressRange.Format(e.Range.Family, e.Range.First),
        ExternalEndpoint e => string.Join(", ", e.Range.ToCidrs()),
        _ => endpoint.Id,
    };

    /// <summary>What a user types for one end of an intent: the endpoint's text, or <c>ns/*</c> for a namespace.</summary>
    public static string TextOf(SynthesisPeer peer, ReachabilityMatrix matrix) => peer.Endpoint is { } e ? TextOf(e, matrix) : $"{peer.Namespace}/*";

    /// <summary>
    /// One end of an intent as typed: <c>ns/*</c>, <c>namespace ns</c> or a namespace's bare name (when no
    /// workload has that name) for every workload of a namespace, a CIDR for a whole range, else as <see cref="Parse"/>.
    /// </summary>
    public static SynthesisPeer? ParsePeer(string? text, ReachabilityMatrix matrix, out string? error)
    {
        text = text?.Trim() ?? string.Empty;
        if (text.StartsWith("namespace ", StringComparison.OrdinalIgnoreCase))
        {
            text = text["namespace ".Length..].Trim() + "/*";
        }

        if (text.Length > 0 && !text.Contains('/', StringComparison.Ordinal) && matrix.Workloads.Any(w => w.Namespace == text) && !matrix.Workloads.Any(w => w.Name == text))
        {
            text += "/*";
        }

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

        if (ParseOther(text) is { } other)
        {
            return other;
        }

        if (matrix.OtherEndpoints.OfType<HostEndpoint>().FirstOrDefault(h => h.Id == text || h.Definition.Name == text) is { } host)
        {
            return host;
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

        if (named.Count == 0 && ParseDnsName(text, cluster) is { } dns)
        {
            return dns;
        }

        error = named.Count > 1
            ? $"'{text}' names several workloads: {string.Join(", ", named.Take(5).Select(w => w.Id))}. Use namespace/name[Kind]."
            : $"No workload or namespace '{text}' in this workspace. Name a workload as namespace/name, a namespace, an IP address, a CIDR or {{ingress-controller}}.";
        return null;
    }
}
