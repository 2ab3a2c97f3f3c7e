using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Reachability;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>What one peer may send to or receive from another, as the inspector lists it.</summary>
/// <param name="Peer">The other end.</param>
/// <param name="Name">The other end as a person reads it (<c>shop/db</c>, <c>the internet</c>, a CIDR).</param>
/// <param name="Allowed">The connections allowed.</param>
public sealed record PeerTraffic(Endpoint Peer, string Name, ConnectionSet Allowed)
{
    /// <summary>Everything a workload may reach (<paramref name="outbound"/>) or be reached from, workloads first, then the outside.</summary>
    public static IReadOnlyList<PeerTraffic> OfWorkload(ReachabilityMatrix matrix, int workload, bool outbound)
    {
        var list = new List<PeerTraffic>();
        for (var i = 0; i < matrix.Workloads.Count; i++)
        {
            if (i == workload)
            {
                continue;
            }

            var allowed = outbound ? matrix.Between(workload, i) : matrix.Between(i, workload);
            if (!allowed.IsEmpty)
            {
                var w = matrix.Workloads[i];
                list.Add(new PeerTraffic(Endpoint.Of(w), $"{w.Namespace}/{w.Name}", allowed));
            }
        }

        var internet = InternetBlocks.Of(matrix).ToHashSet();
        var internetRows = new List<PeerTraffic>();
        foreach (var block in matrix.External.Blocks)
        {
            var allowed = outbound ? matrix.ToBlock(workload, block.Index) : matrix.FromBlock(block.Index, workload);
            if (allowed.IsEmpty)
            {
                continue;
            }

            var peer = Endpoint.Of(block.Representative);
            if (internet.Contains(block))
            {
                internetRows.Add(new PeerTraffic(peer, "the internet", allowed));
            }
            else
            {
                list.Add(new PeerTraffic(peer, string.Join(", ", block.Ranges.SelectMany(r => r.ToCidrs())), allowed));
            }
        }

        // The internet is several blocks; one row when they are treated alike, which is usual.
        if (internetRows.Count > 0)
        {
            list.AddRange(internetRows.DistinctBy(r => r.Allowed).Count() == 1 ? [internetRows[0]] : internetRows.Select(r => r with { Name = $"the internet ({((Engine.Evaluation.ExternalEndpoint)r.Peer).Range})" }));
        }

        if (!outbound && matrix.HasIngressController)
        {
            var allowed = matrix.FromIngressController(workload);
            if (!allowed.IsEmpty)
            {
                list.Add(new PeerTraffic(Endpoint.IngressController, Endpoint.IngressController.Id, allowed));
            }
        }

        return list;
    }

    /// <summary>Every workload an external block (<paramref name="outbound"/>: may reach) or the ingress controller reaches, or that reaches the block.</summary>
    public static IReadOnlyList<PeerTraffic> OfOutside(ReachabilityMatrix matrix, Endpoint outside, bool outbound)
    {
        var list = new List<PeerTraffic>();
        var block = outside is Engine.Evaluation.ExternalEndpoint e ? matrix.External.BlockOf(e.Range) : null;
        for (var i = 0; i < matrix.Workloads.Count; i++)
        {
            var allowed = outside switch
            {
                Engine.Evaluation.IngressControllerEndpoint => outbound ? matrix.FromIngressController(i) : ConnectionSet.None,
                _ when block is not null => outbound ? matrix.FromBlock(block.Index, i) : matrix.ToBlock(i, block.Index),
                _ => ConnectionSet.None,
            };
            if (!allowed.IsEmpty)
            {
                var w = matrix.Workloads[i];
                list.Add(new PeerTraffic(Endpoint.Of(w), $"{w.Namespace}/{w.Name}", allowed));
            }
        }

        return list;
    }
}
