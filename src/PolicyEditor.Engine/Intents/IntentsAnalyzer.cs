using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Intents;

/// <summary>
/// Classifies declared calls against what the policies allow. A declared call is allowed when the
/// policies allow every connection it means (see <see cref="ResolvedTarget.Intended"/>), else blocked.
/// Allowed but never intended are the allowed pairs between distinct workloads where the client declares
/// intents or the server is the target of one, and no intent declares that pair: the workloads intents
/// do not speak of are left out, so a cluster with few intents is not flooded.
/// </summary>
public static class IntentsAnalyzer
{
    /// <summary>The intent view of the matrix's cluster.</summary>
    public static IntentsAnalysis Analyze(ReachabilityMatrix matrix)
    {
        var cluster = matrix.Evaluator.Cluster;
        if (cluster.Intents.IsEmpty)
        {
            return IntentsAnalysis.Empty;
        }

        var resolved = new IntentResolver(cluster).ResolveAll();
        var findings = new List<IntentFinding>();
        var declared = new HashSet<(int Client, int Server)>();
        var clients = new HashSet<int>();
        var servers = new HashSet<int>();
        foreach (var call in resolved)
        {
            foreach (var client in call.Clients)
            {
                var ci = matrix.IndexOf(client.Id);
                clients.Add(ci);
                foreach (var target in call.Targets)
                {
                    var allowed = Allowed(matrix, ci, client, target.Endpoint);
                    var cls = target.Intended.IsSubsetOf(allowed) ? IntentClass.IntendedAllowed : IntentClass.IntendedBlocked;
                    findings.Add(new IntentFinding(cls, client, target.Endpoint, target.Intended, allowed, call.Intents, call.Call, target.Via) { Block = target.Block });
                    if (target.Endpoint is WorkloadEndpoint w)
                    {
                        var si = matrix.IndexOf(w.Workload.Id);
                        declared.Add((ci, si));
                        servers.Add(si);
                    }
                }
            }
        }

        AddUndeclared(matrix, clients, servers, declared, findings);
        return new IntentsAnalysis(
            findings,
            [.. resolved.Where(r => !r.Call.IsNetworkCall && r.Problem is null)],
            [.. resolved.Where(r => r.Problem is not null)]);
    }

    private static ConnectionSet Allowed(ReachabilityMatrix matrix, int clientIndex, Workload client, Endpoint target) => target switch
    {
        WorkloadEndpoint w => matrix.Between(clientIndex, matrix.IndexOf(w.Workload.Id)),
        _ => matrix.Evaluator.Evaluate(Endpoint.Of(client), target),
    };

    private static void AddUndeclared(ReachabilityMatrix matrix, HashSet<int> clients, HashSet<int> servers, HashSet<(int, int)> declared, List<IntentFinding> findings)
    {
        var seen = new HashSet<(int, int)>();
        void Consider(int c, int s)
        {
            if (c == s || declared.Contains((c, s)) || !seen.Add((c, s)))
            {
                return;
            }

            var allowed = matrix.Between(c, s);
            if (!allowed.IsEmpty)
            {
                findings.Add(new IntentFinding(IntentClass.AllowedNotIntended, matrix.Workloads[c], Endpoint.Of(matrix.Workloads[s]), ConnectionSet.None, allowed, null, null, null));
            }
        }

        var n = matrix.Workloads.Count;
        foreach (var c in clients.Order())
        {
            for (var s = 0; s < n; s++)
            {
                Consider(c, s);
            }
        }

        foreach (var s in servers.Order())
        {
            for (var c = 0; c < n; c++)
            {
                Consider(c, s);
            }
        }
    }
}
