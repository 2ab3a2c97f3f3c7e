using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Manifests.Writing;

/// <summary>
/// Writes policies back to canonical YAML that kubectl accepts and that loads back to an equal model:
/// fixed key order, no empty or defaulted noise fields, strings quoted where YAML would misread them.
/// </summary>
public static class ManifestWriter
{
    /// <summary>One NetworkPolicy as a YAML document (without a leading <c>---</c>).</summary>
    public static string Write(NetworkPolicy policy) => Write([policy], [], null);

    /// <summary>One AdminNetworkPolicy as a YAML document.</summary>
    public static string Write(AdminNetworkPolicy policy) => Write([], [policy], null);

    /// <summary>The BaselineAdminNetworkPolicy as a YAML document.</summary>
    public static string Write(BaselineAdminNetworkPolicy policy) => Write([], [], policy);

    /// <summary>One policy of any kind as a YAML document.</summary>
    /// <exception cref="NotSupportedException">No writer knows the policy's kind.</exception>
    public static string Write(IPolicyResource policy) => WritePolicies([policy]);

    /// <summary>Policies of any kinds as one multi-document YAML stream, in the order given.</summary>
    /// <exception cref="NotSupportedException">No writer knows a policy's kind.</exception>
    public static string WritePolicies(IEnumerable<IPolicyResource> policies)
    {
        using var text = new StringWriter { NewLine = "\n" };
        var yaml = new YamlWriter(text);
        foreach (var p in policies)
        {
            yaml.BeginDocument();
            WritePolicy(yaml, p);
            yaml.EndDocument();
        }

        yaml.EndStream();
        return text.ToString();
    }

    /// <summary>One policy, by its kind: the one place a new kind's writer is named.</summary>
    private static void WritePolicy(YamlWriter yaml, IPolicyResource policy)
    {
        switch (policy)
        {
            case NetworkPolicy p: WriteNetworkPolicy(yaml, p); break;
            case AdminNetworkPolicy p: WriteAdmin(yaml, p); break;
            case BaselineAdminNetworkPolicy p: WriteBaseline(yaml, p); break;
            case ClusterNetworkPolicy p: ClusterNetworkPolicyWriter.Write(yaml, p); break;
            case var p when Calico.CalicoWriter.Writes(p): Calico.CalicoWriter.Write(yaml, p); break;
            case Engine.Dialects.Cilium.CiliumPolicy p: Cilium.CiliumPolicyWriter.WritePolicy(yaml, p); break;
            case Engine.Dialects.Cilium.CiliumCidrGroup g: Cilium.CiliumPolicyWriter.WriteGroup(yaml, g); break;
            case Engine.Dialects.Cilium.CiliumConfig c: Cilium.CiliumConfigWriter.Write(yaml, c); break;
            default: throw new NotSupportedException($"No YAML writer knows kind {policy.Kind} ({policy.Key.Id}).");
        }
    }

    /// <summary>All the given policies as one multi-document YAML stream, documents separated by <c>---</c>.</summary>
    public static string Write(IEnumerable<NetworkPolicy> policies, IEnumerable<AdminNetworkPolicy>? admin = null, BaselineAdminNetworkPolicy? baseline = null)
    {
        using var text = new StringWriter { NewLine = "\n" };
        var yaml = new YamlWriter(text);
        void Document(Action body)
        {
            yaml.BeginDocument();
            body();
            yaml.EndDocument();
        }

        foreach (var p in admin ?? [])
        {
            Document(() => WriteAdmin(yaml, p));
        }

        if (baseline is not null)
        {
            Document(() => WriteBaseline(yaml, baseline));
        }

        foreach (var p in policies)
        {
            Document(() => WriteNetworkPolicy(yaml, p));
        }

        yaml.EndStream();
        return text.ToString();
    }

    /// <summary>
    /// A whole cluster as manifests: namespaces, workloads, Services, Ingresses and Routes, admin
    /// policies, the other policy kinds and NetworkPolicies, in an order kubectl can apply.
    /// </summary>
    public static string WriteCluster(Cluster cluster) =>
        WithIntents(
            WriteObjects(cluster.Namespaces, cluster.Workloads, cluster.Services, cluster.Exposures, cluster.NetworkPolicies, cluster.AdminNetworkPolicies, cluster.BaselineAdminNetworkPolicy, cluster.OtherPolicies,
                cluster.ServiceAccounts),
            cluster.Intents);

    /// <summary>A stream with ClientIntents appended as further documents.</summary>
    private static string WithIntents(string stream, IEnumerable<Engine.Intents.ClientIntents> intents)
    {
        var more = Intents.IntentsWriter.Write(intents);
        return more.Length == 0 ? stream : stream.Length == 0 ? more : $"{stream.TrimEnd('\n')}\n---\n{more}";
    }

    /// <summary>The cluster as one stream per namespace (file name to text), cluster-scoped objects in <c>cluster.yaml</c>.</summary>
    public static IReadOnlyDictionary<string, string> WriteByNamespace(Cluster cluster)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var clusterScoped = cluster.OtherPolicies.Where(p => p.Namespace is null).ToList();
        if (!cluster.AdminNetworkPolicies.IsEmpty || cluster.BaselineAdminNetworkPolicy is not null || clusterScoped.Count > 0)
        {
            files["cluster.yaml"] = WriteObjects([], [], [], [], [], cluster.AdminNetworkPolicies, cluster.BaselineAdminNetworkPolicy, clusterScoped);
        }

        // Grouped once: a filter per namespace would cost namespaces x objects (25,000 x 175,000 for XL).
        var namespaces = cluster.Namespaces.ToLookup(n => n.Name, StringComparer.Ordinal);
        var workloads = cluster.Workloads.ToLookup(w => w.Namespace, StringComparer.Ordinal);
        var services = cluster.Services.ToLookup(s => s.Namespace, StringComparer.Ordinal);
        var exposures = cluster.Exposures.ToLookup(e => e.Namespace, StringComparer.Ordinal);
        var policies = cluster.NetworkPolicies.ToLookup(p => p.Namespace, StringComparer.Ordinal);
        var others = cluster.OtherPolicies.Where(p => p.Namespace is not null).ToLookup(p => p.Namespace!, StringComparer.Ordinal);
        var intents = cluster.Intents.ToLookup(i => i.Namespace, StringComparer.Ordinal);
        var names = cluster.Namespaces.Select(n => n.Name).Concat(cluster.Workloads.Select(w => w.Namespace)).Concat(cluster.NetworkPolicies.Select(p => p.Namespace))
            .Concat(others.Select(g => g.Key)).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            files[$"{name}.yaml"] = WithIntents(
                WriteObjects(namespaces[name], workloads[name], services[name], exposures[name], policies[name], [], null, others[name]),
                intents[name]);
        }

        return files;
    }

    private static string WriteObjects(
        IEnumerable<Namespace> namespaces,
        IEnumerable<Workload> workloads,
        IEnumerable<Service> services,
        IEnumerable<Exposure> exposures,
        IEnumerable<NetworkPolicy> policies,
        IEnumerable<AdminNetworkPolicy> admin,
        BaselineAdminNetworkPolicy? baseline,
        IEnumerable<IPolicyResource> others,
        IEnumerable<ServiceAccount>? accounts = null)
    {
        using var text = new StringWriter { NewLine = "\n" };
        var yaml = new YamlWriter(text);
        void Document(Action body)
        {
            yaml.BeginDocument();
            body();
            yaml.EndDocument();
        }

        foreach (var ns in namespaces)
        {
            Document(() => ObjectWriter.WriteNamespace(yaml, ns));
        }

        foreach (var a in accounts ?? [])
        {
            Document(() => ObjectWriter.WriteServiceAccount(yaml, a));
        }

        foreach (var w in workloads)
        {
            if (w.CalicoEndpoints is null || w.PodBesideCalicoEndpoints)
            {
                Document(() => ObjectWriter.WriteWorkload(yaml, w));
            }

            foreach (var endpoint in w.CalicoEndpoints ?? [])
            {
                Document(() => Calico.CalicoWriter.WriteWorkloadEndpoint(yaml, w, endpoint));
            }
        }

        foreach (var s in services)
        {
            Document(() => ObjectWriter.WriteService(yaml, s));
        }

        foreach (var e in exposures)
        {
            Document(() => ObjectWriter.WriteExposure(yaml, e));
        }

        foreach (var p in admin)
        {
            Document(() => WriteAdmin(yaml, p));
        }

        if (baseline is not null)
        {
            Document(() => WriteBaseline(yaml, baseline));
        }

        foreach (var p in others)
        {
            Document(() => WritePolicy(yaml, p));
        }

        foreach (var p in policies)
        {
            Document(() => WriteNetworkPolicy(yaml, p));
        }

        yaml.EndStream();
        return text.ToString();
    }

    /// <summary>A NetworkPolicy, or its spec under another kind (Calico's StagedKubernetesNetworkPolicy, with its stagedAction).</summary>
    internal static void WriteNetworkPolicy(YamlWriter yaml, NetworkPolicy policy, string apiVersion = "networking.k8s.io/v1", string kind = "NetworkPolicy", string? stagedAction = null)
    {
        yaml.BeginMap();
        yaml.Header(apiVersion, kind, policy.Name, policy.Namespace);
        yaml.Key("spec");
        yaml.BeginMap();
        if (stagedAction is not null)
        {
            yaml.Entry("stagedAction", stagedAction);
        }

        yaml.Key("podSelector");
        WriteSelector(yaml, policy.PodSelector);
        if (policy.DeclaredPolicyTypes is { } types)
        {
            yaml.Key("policyTypes");
            yaml.BeginList();
            if ((types & PolicyTypes.Ingress) != 0)
            {
                yaml.String("Ingress");
            }

            if ((types & PolicyTypes.Egress) != 0)
            {
                yaml.String("Egress");
            }

            yaml.EndList();
        }

        WriteRules(yaml, "ingress", "from", policy.Ingress);
        WriteRules(yaml, "egress", "to", policy.Egress);
        yaml.EndMap();
        yaml.EndMap();
    }

    private static void WriteRules(YamlWriter yaml, string key, string peersKey, ValueArray<NetworkPolicyRule> rules)
    {
        if (rules.IsEmpty)
        {
            return;
        }

        yaml.Key(key);
        yaml.BeginList();
        foreach (var rule in rules)
        {
            if (rule.Peers.IsEmpty && rule.Ports.IsEmpty)
            {
                yaml.EmptyMap();
                continue;
            }

            yaml.BeginMap();
            if (!rule.Peers.IsEmpty)
            {
                yaml.Key(peersKey);
                yaml.BeginList();
                foreach (var peer in rule.Peers)
                {
                    WritePeer(yaml, peer);
                }

                yaml.EndList();
            }

            if (!rule.Ports.IsEmpty)
            {
                yaml.Key("ports");
                yaml.BeginList();
                foreach (var port in rule.Ports)
                {
                    yaml.BeginMap();
                    yaml.Entry("protocol", port.Protocol.ToString());
                    if (port.Port is { } p)
                    {
                        yaml.Key("port");
                        if (p.IsNamed)
                        {
                            yaml.String(p.Name!);
                        }
                        else
                        {
                            yaml.Number(p.Number!.Value);
                        }
                    }

                    if (port.EndPort is { } end)
                    {
                        yaml.Entry("endPort", end);
                    }

                    yaml.EndMap();
                }

                yaml.EndList();
            }

            yaml.EndMap();
        }

        yaml.EndList();
    }

    private static void WritePeer(YamlWriter yaml, NetworkPolicyPeer peer)
    {
        yaml.BeginMap();
        if (peer.IpBlock is { } block)
        {
            yaml.Key("ipBlock");
            yaml.BeginMap();
            yaml.Entry("cidr", block.Cidr.Text);
            yaml.Strings("except", block.Except.Select(e => e.Text));

            yaml.EndMap();
        }

        if (peer.NamespaceSelector is { } ns)
        {
            yaml.Key("namespaceSelector");
            WriteSelector(yaml, ns);
        }

        if (peer.PodSelector is { } pods)
        {
            yaml.Key("podSelector");
            WriteSelector(yaml, pods);
        }

        yaml.EndMap();
    }

    internal static void WriteSelector(YamlWriter yaml, LabelSelector selector)
    {
        if (selector.IsEmpty)
        {
            yaml.EmptyMap();
            return;
        }

        yaml.BeginMap();
        if (selector.MatchLabels.Count > 0)
        {
            yaml.Key("matchLabels");
            yaml.BeginMap();
            foreach (var (key, value) in selector.MatchLabels)
            {
                yaml.Entry(key, value);
            }

            yaml.EndMap();
        }

        if (!selector.MatchExpressions.IsEmpty)
        {
            yaml.Key("matchExpressions");
            yaml.BeginList();
            foreach (var e in selector.MatchExpressions)
            {
                yaml.BeginMap();
                yaml.Entry("key", e.Key);
                yaml.Entry("operator", e.Operator.ToString());
                if (!e.Values.IsEmpty)
                {
                    yaml.Key("values");
                    yaml.BeginList();
                    foreach (var v in e.Values)
                    {
                        yaml.String(v);
                    }

                    yaml.EndList();
                }

                yaml.EndMap();
            }

            yaml.EndList();
        }

        yaml.EndMap();
    }

    private static void WriteAdmin(YamlWriter yaml, AdminNetworkPolicy policy)
    {
        yaml.BeginMap();
        yaml.Header("policy.networking.k8s.io/v1alpha1", "AdminNetworkPolicy", policy.Name);
        yaml.Key("spec");
        yaml.BeginMap();
        yaml.Entry("priority", policy.Priority);
        WriteAdminBody(yaml, policy.Subject, policy.Ingress, policy.Egress);
        yaml.EndMap();
        yaml.EndMap();
    }

    private static void WriteBaseline(YamlWriter yaml, BaselineAdminNetworkPolicy policy)
    {
        yaml.BeginMap();
        yaml.Header("policy.networking.k8s.io/v1alpha1", "BaselineAdminNetworkPolicy", policy.Name);
        yaml.Key("spec");
        yaml.BeginMap();
        WriteAdminBody(yaml, policy.Subject, policy.Ingress, policy.Egress);
        yaml.EndMap();
        yaml.EndMap();
    }

    private static void WriteAdminBody(YamlWriter yaml, AdminSubject subject, ValueArray<AdminRule> ingress, ValueArray<AdminRule> egress)
    {
        WriteAdminSubject(yaml, subject);
        WriteAdminRules(yaml, "ingress", "from", ingress);
        WriteAdminRules(yaml, "egress", "to", egress);
    }

    /// <summary>An admin policy's <c>subject</c>: namespaces, or pods in namespaces.</summary>
    internal static void WriteAdminSubject(YamlWriter yaml, AdminSubject subject)
    {
        yaml.Key("subject");
        yaml.BeginMap();
        if (subject.Namespaces is not null)
        {
            yaml.Key("namespaces");
            WriteSelector(yaml, subject.Namespaces);
        }
        else
        {
            yaml.Key("pods");
            yaml.BeginMap();
            yaml.Key("namespaceSelector");
            WriteSelector(yaml, subject.PodNamespaceSelector ?? LabelSelector.Everything);
            yaml.Key("podSelector");
            WriteSelector(yaml, subject.PodSelector ?? LabelSelector.Everything);
            yaml.EndMap();
        }

        yaml.EndMap();
    }

    private static void WriteAdminRules(YamlWriter yaml, string key, string peersKey, ValueArray<AdminRule> rules) =>
        WriteAdminRules(yaml, key, peersKey, rules, action => action.ToString(), "ports", WriteAdminPort);

    /// <summary>
    /// The rules of one direction of an admin policy of either generation: name (none when empty), action as
    /// <paramref name="actionName"/> writes it, peers, and the ports under <paramref name="portsKey"/>.
    /// </summary>
    internal static void WriteAdminRules(
        YamlWriter yaml, string key, string peersKey, ValueArray<AdminRule> rules, Func<AdminAction, string> actionName, string portsKey, Action<YamlWriter, AdminPort> writePort)
    {
        if (rules.IsEmpty)
        {
            return;
        }

        yaml.Key(key);
        yaml.BeginList();
        foreach (var rule in rules)
        {
            yaml.BeginMap();
            if (rule.Name.Length > 0)
            {
                yaml.Entry("name", rule.Name);
            }

            yaml.Entry("action", actionName(rule.Action));
            yaml.Key(peersKey);
            yaml.BeginList();
            foreach (var peer in rule.Peers)
            {
                WriteAdminPeer(yaml, peer);
            }

            yaml.EndList();
            if (!rule.Ports.IsEmpty)
            {
                yaml.Key(portsKey);
                yaml.BeginList();
                foreach (var port in rule.Ports)
                {
                    writePort(yaml, port);
                }

                yaml.EndList();
            }

            yaml.EndMap();
        }

        yaml.EndList();
    }

    /// <summary>A v1alpha1 port: <c>namedPort</c>, <c>portNumber</c> or <c>portRange</c>.</summary>
    private static void WriteAdminPort(YamlWriter yaml, AdminPort port)
    {
        yaml.BeginMap();
        if (port.NamedPort is not null)
        {
            yaml.Entry("namedPort", port.NamedPort);
        }
        else if (port.Start == port.End)
        {
            yaml.Key("portNumber");
            yaml.BeginMap();
            yaml.Entry("protocol", port.Protocol.ToString());
            yaml.Entry("port", port.Start);
            yaml.EndMap();
        }
        else
        {
            yaml.Key("portRange");
            yaml.BeginMap();
            yaml.Entry("protocol", port.Protocol.ToString());
            yaml.Entry("start", port.Start);
            yaml.Entry("end", port.End);
            yaml.EndMap();
        }

        yaml.EndMap();
    }

    /// <summary>One peer of an admin rule: namespaces, pods, networks, domain names or nodes.</summary>
    internal static void WriteAdminPeer(YamlWriter yaml, AdminPeer peer)
    {
        yaml.BeginMap();
        if (peer.Namespaces is not null)
        {
            yaml.Key("namespaces");
            WriteSelector(yaml, peer.Namespaces);
        }
        else if (peer.PodSelector is not null)
        {
            yaml.Key("pods");
            yaml.BeginMap();
            yaml.Key("namespaceSelector");
            WriteSelector(yaml, peer.PodNamespaceSelector ?? LabelSelector.Everything);
            yaml.Key("podSelector");
            WriteSelector(yaml, peer.PodSelector);
            yaml.EndMap();
        }
        else if (!peer.Networks.IsEmpty)
        {
            yaml.Key("networks");
            WriteStrings(yaml, peer.Networks.Select(n => n.Text));
        }
        else if (!peer.DomainNames.IsEmpty)
        {
            yaml.Key("domainNames");
            WriteStrings(yaml, peer.DomainNames);
        }
        else
        {
            yaml.Key("nodes");
            WriteSelector(yaml, peer.Nodes ?? LabelSelector.Everything);
        }

        yaml.EndMap();
    }

    private static void WriteStrings(YamlWriter yaml, IEnumerable<string> values)
    {
        yaml.BeginList();
        foreach (var value in values)
        {
            yaml.String(value);
        }

        yaml.EndList();
    }
}
