using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Flows;

/// <summary>
/// Flow records from a cluster, for tests and benchmarks: for connections its policies allow, a request
/// (forwarded) and its reply; for some pairs they deny, a dropped request. Pods are named and labelled as
/// controllers name them (a ReplicaSet hash, a pod suffix, <c>pod-template-hash</c>), so matching is tried
/// as it is on real records. Deterministic for a seed.
/// </summary>
public static class FlowGenerator
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>
    /// Records for up to <paramref name="maxAllowed"/> allowed connections between workloads (one port of each
    /// protocol the pair allows) and about <paramref name="deniedPercent"/> percent as many denied ones.
    /// </summary>
    public static IReadOnlyList<FlowRecord> Generate(ReachabilityMatrix matrix, int seed = 1, int maxAllowed = 10_000, int deniedPercent = 20)
    {
        var random = new Random(seed);
        var pods = new Dictionary<Workload, FlowPeer>();
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var records = new List<FlowRecord>();
        var allowed = 0;
        foreach (var c in matrix.Connections())
        {
            if (allowed >= maxAllowed)
            {
                break;
            }

            if (c.Source is not WorkloadEndpoint s || c.Destination is not WorkloadEndpoint d)
            {
                continue;
            }

            foreach (var (protocol, port) in Samples(c.Allowed, random))
            {
                var time = start.AddSeconds(random.Next(86_400));
                var (from, to) = (Pod(pods, s.Workload, random), Pod(pods, d.Workload, random));
                records.Add(new FlowRecord(from, to, FlowProtocol.Of(protocol), port, FlowVerdict.Forwarded, 1 + random.Next(5), time));
                records.Add(new FlowRecord(from, to, FlowProtocol.Of(protocol), port, FlowVerdict.Forwarded, 1, time.AddMilliseconds(3), IsReply: true));
                allowed++;
            }
        }

        var workloads = matrix.Workloads;
        var wanted = allowed * deniedPercent / 100;
        for (var attempt = 0; wanted > 0 && workloads.Count > 1 && attempt < wanted * 20; attempt++)
        {
            var (s, d) = (random.Next(workloads.Count), random.Next(workloads.Count));
            var protocol = random.Next(3) switch { 0 => Protocol.TCP, 1 => Protocol.UDP, _ => Protocol.SCTP };
            var port = random.Next(2) == 0 ? 80 : 1024 + random.Next(2000);
            if (s == d || matrix.Between(s, d).Contains(protocol, port))
            {
                continue;
            }

            records.Add(new FlowRecord(Pod(pods, workloads[s], random), Pod(pods, workloads[d], random), FlowProtocol.Of(protocol), port,
                FlowVerdict.Dropped, 1, start.AddSeconds(random.Next(86_400)), Reason: "POLICY_DENIED"));
            wanted--;
        }

        return records;
    }

    /// <summary>A port of each protocol in <paramref name="allowed"/>: the start of a random range, or 80 when all ports are allowed.</summary>
    private static IEnumerable<(Protocol, int)> Samples(ConnectionSet allowed, Random random)
    {
        foreach (var protocol in Protocols.Kubernetes)
        {
            var ports = allowed[protocol];
            if (ports.IsEmpty)
            {
                continue;
            }

            yield return (protocol, ports.IsAll ? 80 : ports.Ranges[random.Next(ports.Ranges.Length)].Start);
        }
    }

    private static FlowPeer Pod(Dictionary<Workload, FlowPeer> pods, Workload workload, Random random)
    {
        if (!pods.TryGetValue(workload, out var peer))
        {
            var hash = Word(random, 9);
            var name = workload.Kind switch
            {
                "Pod" => workload.Name,
                "StatefulSet" => $"{workload.Name}-0",
                "Deployment" => $"{workload.Name}-{hash}-{Word(random, 5)}",
                _ => $"{workload.Name}-{Word(random, 5)}",
            };
            var labels = workload.Kind == "Deployment" ? workload.Labels.With("pod-template-hash", hash) : workload.Labels;
            var address = System.Net.IPAddress.Parse($"10.{random.Next(256)}.{random.Next(256)}.{1 + random.Next(254)}");
            pods[workload] = peer = new FlowPeer(workload.Namespace, name, null, labels, address);
        }

        return peer;
    }

    private static string Word(Random random, int length) =>
        string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
}
