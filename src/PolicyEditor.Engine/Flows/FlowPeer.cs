using System.Net;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Flows;

/// <summary>
/// One end of an observed flow as its record names it: namespace, pod, workload, labels and address, any of
/// them missing. Matched to a workload of the cluster by <see cref="FlowMatcher"/>.
/// </summary>
public sealed record FlowPeer(string? Namespace, string? Pod, string? Workload, LabelSet Labels, IPAddress? Address)
{
    /// <summary>A peer known only by its address.</summary>
    public static FlowPeer OfAddress(IPAddress address) => new(null, null, null, LabelSet.Empty, address);

    /// <summary>A peer known by namespace and workload name.</summary>
    public static FlowPeer OfWorkload(string ns, string workload) => new(ns, null, workload, LabelSet.Empty, null);

    /// <summary>How the peer is named in lists: <c>ns/workload</c>, <c>ns/pod</c>, <c>ns/{labels}</c> or the address.</summary>
    public string Text
    {
        get
        {
            var name = Workload ?? Pod ?? (Labels.Count > 0 ? "{" + Labels + "}" : null);
            return (Namespace, name) switch
            {
                ({ } ns, { } n) => $"{ns}/{n}",
                ({ } ns, null) => Address is null ? $"{ns}/?" : $"{ns}/{Address}",
                _ => Address?.ToString() ?? name ?? "?",
            };
        }
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
