using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Engine.Intents;

/// <summary>
/// Intents from policies: what the policies allow between workloads, as one ClientIntents per client
/// workload (each allowed target by its Otterize name, <c>name.namespace</c> across namespaces, and its
/// kind), so that a team can adopt intents from a cluster that has only policies. Connections to addresses
/// outside the cluster are left out: policies allow address blocks, intents name domains and IPs.
/// </summary>
public static class IntentsExporter
{
    /// <summary>The ClientIntents that declare exactly the allowed workload pairs of the matrix (a workload calling itself left out).</summary>
    public static IReadOnlyList<ClientIntents> FromPolicies(ReachabilityMatrix matrix)
    {
        var result = new List<ClientIntents>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var workloads = matrix.Workloads;
        for (var c = 0; c < workloads.Count; c++)
        {
            var client = workloads[c];
            var calls = new List<IntentCall>();
            for (var s = 0; s < workloads.Count; s++)
            {
                if (s == c || matrix.Between(c, s).IsEmpty)
                {
                    continue;
                }

                var server = workloads[s];
                var name = IntentResolver.IdentityOf(server);
                calls.Add(new IntentCall(IntentCallType.Kubernetes, server.Namespace == client.Namespace ? name : $"{name}.{server.Namespace}", server.Kind));
            }

            if (calls.Count == 0)
            {
                continue;
            }

            var identity = IntentResolver.IdentityOf(client);
            var objectName = names.Add($"{client.Namespace}/{identity}") ? identity : $"{identity}-{client.Kind.ToLowerInvariant()}";
            names.Add($"{client.Namespace}/{objectName}");
            result.Add(new ClientIntents(client.Namespace, objectName, new IntentWorkload(identity, client.Kind), calls.ToValueArray()));
        }

        return result;
    }
}
