using System.Security.Cryptography;
using System.Text;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Engine.Synthesis;

namespace PolicyEditor.Engine.Intents;

/// <summary>
/// Proposes the NetworkPolicies the Otterize intents operator would generate from a cluster's ClientIntents:
/// per server, one ingress policy <c>&lt;server&gt;-access</c> admitting its clients (one peer per client
/// namespace, every port), so that exactly the declared workload pairs become allowed; per client whose egress
/// other policies already restrict, an egress policy <c>&lt;client&gt;-egress</c> to its targets; and, as the
/// operator does for Services of type LoadBalancer or NodePort and Services behind an Ingress or Route, an
/// <c>external-access-to-&lt;service&gt;</c> policy admitting everyone on the Service's target ports.
/// </summary>
public static class IntentPolicyGenerator
{
    /// <summary>The label the operator puts on every pod it knows, holding its formatted identity.</summary>
    public const string ServiceLabel = "intents.otterize.com/service";

    /// <summary>The prefix of the label the operator puts on a client of a server: <c>intents.otterize.com/access-&lt;server&gt;: "true"</c>.</summary>
    public const string AccessLabelPrefix = "intents.otterize.com/access-";

    /// <summary>The proposal for the cluster's intents.</summary>
    public static IntentPolicyProposal Propose(ClusterEvaluator evaluator, IntentSelectorMode mode, bool allowExternalTraffic = true)
    {
        var cluster = evaluator.Cluster;
        var resolver = new IntentResolver(cluster);
        var notes = new List<string>();
        var serverClients = new Dictionary<Workload, List<Workload>>(ReferenceEqualityComparer.Instance);
        var clientTargets = new Dictionary<Workload, List<ResolvedTarget>>(ReferenceEqualityComparer.Instance);
        foreach (var call in resolver.ResolveAll())
        {
            if (call.Problem is not null)
            {
                notes.Add($"{call.Intents} calls {call.Call}: {call.Problem} No policy is proposed for it.");
                continue;
            }

            foreach (var client in call.Clients)
            {
                foreach (var target in call.Targets)
                {
                    Add(clientTargets, client, target);
                    if (target.Endpoint is WorkloadEndpoint w && !ReferenceEquals(w.Workload, client))
                    {
                        Add(serverClients, w.Workload, client);
                    }
                }
            }
        }

        var names = new HashSet<string>(cluster.NetworkPolicies.Select(p => p.Id), StringComparer.Ordinal);
        var labels = new Dictionary<Workload, LabelSet>(ReferenceEqualityComparer.Instance);
        var byNamespace = cluster.Workloads.GroupBy(w => w.Namespace).ToDictionary(g => g.Key, g => g.ToList());
        LabelSelector Select(Workload w)
        {
            if (mode == IntentSelectorMode.OtterizeLabels)
            {
                Label(labels, w, ServiceLabel, FormattedIdentity(w));
                return LabelSelector.ForLabels((ServiceLabel, FormattedIdentity(w)));
            }

            var (selector, also) = SelectorChooser.Exact(w, byNamespace[w.Namespace].Where(o => !ReferenceEquals(o, w)));
            if (also.Count > 0)
            {
                notes.Add($"no stable labels tell {w.Id} apart from {string.Join(", ", also.Select(a => a.Id))}; its selector [{selector}] takes them in as well.");
            }

            return selector;
        }

        var policies = new List<NetworkPolicy>();
        var accessSelectors = new List<(Workload Server, LabelSelector Selector)>();
        foreach (var (server, clients) in serverClients.OrderBy(p => p.Key.Id, StringComparer.Ordinal))
        {
            var formatted = FormattedIdentity(server);
            var selector = Select(server);
            var peers = new List<NetworkPolicyPeer>();
            if (mode == IntentSelectorMode.OtterizeLabels)
            {
                foreach (var ns in clients.Select(c => c.Namespace).Distinct().Order(StringComparer.Ordinal))
                {
                    peers.Add(NetworkPolicyPeer.PodsInNamespaces(NamespaceNamed(ns), LabelSelector.ForLabels((AccessLabelPrefix + formatted, "true"))));
                }

                foreach (var c in clients)
                {
                    Label(labels, c, AccessLabelPrefix + formatted, "true");
                }
            }
            else
            {
                foreach (var c in clients.Distinct().OrderBy(c => c.Id, StringComparer.Ordinal))
                {
                    peers.Add(NetworkPolicyPeer.PodsInNamespaces(NamespaceNamed(c.Namespace), Select(c)));
                }
            }

            var name = UniqueName(names, server.Namespace, $"{(mode == IntentSelectorMode.OtterizeLabels ? formatted : IntentResolver.IdentityOf(server))}-access");
            policies.Add(new NetworkPolicy(server.Namespace, name, selector, PolicyTypes.Ingress,
                ValueArray.Create(new NetworkPolicyRule(peers.Distinct().ToValueArray(), ValueArray<NetworkPolicyPort>.Empty)), ValueArray<NetworkPolicyRule>.Empty));
            accessSelectors.Add((server, selector));
        }

        foreach (var (client, targets) in clientTargets.OrderBy(p => p.Key.Id, StringComparer.Ordinal))
        {
            if (!evaluator.IsIsolated(client, TrafficDirection.Egress))
            {
                continue;
            }

            var rules = new List<NetworkPolicyRule>();
            foreach (var target in targets)
            {
                switch (target.Endpoint)
                {
                    case WorkloadEndpoint w when !ReferenceEquals(w.Workload, client):
                        rules.Add(new NetworkPolicyRule(ValueArray.Create(NetworkPolicyPeer.PodsInNamespaces(NamespaceNamed(w.Workload.Namespace), Select(w.Workload))), ValueArray<NetworkPolicyPort>.Empty));
                        break;
                    case ExternalEndpoint when target.Block is { } cidr:
                        var block = new IpBlock(cidr, ValueArray<Addresses.Cidr>.Empty);
                        rules.Add(new NetworkPolicyRule(ValueArray.Create(NetworkPolicyPeer.Addresses(block)), SelectorChooser.PortsFor(target.Intended, null)));
                        break;
                }
            }

            if (rules.Count > 0)
            {
                var name = UniqueName(names, client.Namespace, $"{(mode == IntentSelectorMode.OtterizeLabels ? FormattedIdentity(client) : IntentResolver.IdentityOf(client))}-egress");
                policies.Add(new NetworkPolicy(client.Namespace, name, Select(client), PolicyTypes.Egress, ValueArray<NetworkPolicyRule>.Empty, rules.Distinct().ToValueArray()));
            }
        }

        var external = allowExternalTraffic ? ExternalPolicies(cluster, resolver, accessSelectors, names, notes) : [];
        var relabeled = labels.Select(p => p.Key with { Labels = p.Value }).OrderBy(w => w.Id, StringComparer.Ordinal).ToList();
        var workloads = cluster.Workloads.Select(w => labels.TryGetValue(w, out var l) ? w with { Labels = l } : w).ToValueArray();
        var after = (cluster with { Workloads = workloads }).WithNetworkPolicies(cluster.NetworkPolicies.Concat(policies).Concat(external));
        return new IntentPolicyProposal(policies, external, relabeled, notes, after);
    }

    /// <summary>
    /// The identity the operator formats for a workload: name and namespace cut to 20 characters each and
    /// the first 6 hex digits of the MD5 of <c>name-namespace</c> (label values must stay within 63 characters).
    /// </summary>
    public static string FormattedIdentity(Workload workload) => FormattedIdentity(IntentResolver.IdentityOf(workload), workload.Namespace);

    /// <summary>The formatted identity of a name in a namespace.</summary>
    public static string FormattedIdentity(string name, string ns)
    {
        var hash = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{name}-{ns}")))[..6];
        return $"{(name.Length > 20 ? name[..20] : name)}-{(ns.Length > 20 ? ns[..20] : ns)}-{hash}";
    }

    private static List<NetworkPolicy> ExternalPolicies(Cluster cluster, IntentResolver resolver, List<(Workload Server, LabelSelector Selector)> access, HashSet<string> names, List<string> notes)
    {
        var behindIngress = cluster.Exposures.SelectMany(e => e.Backends.Select(b => (e.Namespace, b.ServiceName, Exposure: e))).ToLookup(x => (x.Namespace, x.ServiceName), x => x.Exposure);
        var result = new List<NetworkPolicy>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in cluster.Services.OrderBy(s => s.ToString(), StringComparer.Ordinal))
        {
            var exposures = behindIngress[(service.Namespace, service.Name)].ToList();
            if (!service.IsExternallyReachable && exposures.Count == 0)
            {
                continue;
            }

            var selected = resolver.SelectedBy(service);
            foreach (var (server, selector) in access.Where(a => selected.Contains(a.Server)))
            {
                var ports = service.Ports.Select(p => p.TargetPort.IsNamed ? NetworkPolicyPort.Named(p.Protocol, p.TargetPort.Name!) : NetworkPolicyPort.Of(p.Protocol, p.TargetPort.Number!.Value)).Distinct().ToValueArray();
                var key = $"{service.Namespace}/{service.Name}/{selector}";
                if (!done.Add(key))
                {
                    continue;
                }

                var name = UniqueName(names, service.Namespace, $"external-access-to-{service.Name}");
                result.Add(new NetworkPolicy(service.Namespace, name, selector, PolicyTypes.Ingress,
                    ValueArray.Create(new NetworkPolicyRule(ValueArray<NetworkPolicyPeer>.Empty, ports)), ValueArray<NetworkPolicyRule>.Empty));
                var why = service.IsExternallyReachable ? $"Service {service} is of type {service.Type}" : $"Service {service} is behind {string.Join(", ", exposures)}";
                notes.Add($"{why} and {server.Id} becomes isolated by its access policy: {name} keeps traffic from outside the cluster flowing on {string.Join(", ", ports)}.");
            }
        }

        return result;
    }

    private static LabelSelector NamespaceNamed(string ns) => LabelSelector.ForLabels((Namespace.NameLabel, ns));

    private static string UniqueName(HashSet<string> taken, string ns, string name)
    {
        name = name.Length > 253 ? name[..253] : name;
        var candidate = name;
        for (var i = 2; !taken.Add($"{ns}/{candidate}"); i++)
        {
            candidate = $"{name}-{i}";
        }

        return candidate;
    }

    private static void Label(Dictionary<Workload, LabelSet> labels, Workload w, string key, string value) =>
        labels[w] = (labels.TryGetValue(w, out var l) ? l : w.Labels).With(key, value);

    private static void Add<T>(Dictionary<Workload, List<T>> map, Workload key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }
}
