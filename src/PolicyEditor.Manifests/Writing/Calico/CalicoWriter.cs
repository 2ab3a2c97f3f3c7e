using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Manifests.Writing.Calico;

/// <summary>
/// Writes Calico objects back as projectcalico.org/v3 YAML that loads to an equal record: fields in
/// Calico's documented order, selectors as written, nothing defaulted added.
/// </summary>
public static class CalicoWriter
{
    private const string ApiVersion = "projectcalico.org/v3";

    /// <summary>True for the objects this writer writes.</summary>
    public static bool Writes(IPolicyResource resource) =>
        resource is CalicoPolicy or StagedKubernetesNetworkPolicy or CalicoTier or CalicoNetworkSet or CalicoProfile or CalicoHostEndpoint or CalicoFelixConfiguration;

    /// <summary>One Calico object (the manifest writer's <c>WritePolicies</c> writes streams of any kinds).</summary>
    internal static void Write(YamlWriter yaml, IPolicyResource resource)
    {
        if (resource is StagedKubernetesNetworkPolicy staged)
        {
            ManifestWriter.WriteNetworkPolicy(yaml, staged.Policy, ApiVersion, staged.Kind, staged.StagedAction);
            return;
        }

        yaml.BeginMap();
        yaml.BeginMetadata(ApiVersion, resource is CalicoPolicy p ? p.ManifestKind : resource.Kind, resource.Name, resource.Namespace);

        var labels = resource switch
        {
            CalicoNetworkSet set => set.Labels,
            CalicoHostEndpoint host => host.Labels,
            _ => LabelSet.Empty,
        };
        yaml.Labels("labels", labels);
        yaml.EndMap();
        yaml.Key("spec");
        yaml.BeginMap();
        switch (resource)
        {
            case CalicoPolicy policy: WritePolicySpec(yaml, policy); break;
            case CalicoTier tier: WriteTierSpec(yaml, tier); break;
            case CalicoNetworkSet set: WriteNetworkSetSpec(yaml, set); break;
            case CalicoProfile profile: WriteProfileSpec(yaml, profile); break;
            case CalicoHostEndpoint host: WriteHostEndpointSpec(yaml, host); break;
            case CalicoFelixConfiguration felix: WriteFelixConfigurationSpec(yaml, felix); break;
        }

        yaml.EndMap();
        yaml.EndMap();
    }

    private static void WritePolicySpec(YamlWriter yaml, CalicoPolicy policy)
    {
        if (policy.StagedAction is { } action)
        {
            yaml.Entry("stagedAction", action);
        }

        if (policy.Tier != CalicoPolicy.DefaultTier)
        {
            yaml.Entry("tier", policy.Tier);
        }

        if (policy.Order is { } order)
        {
            yaml.Key("order");
            yaml.Number(order);
        }

        if (!policy.Selector.IsAll || policy.Selector.Text.Length > 0)
        {
            yaml.Entry("selector", policy.Selector.Text);
        }

        if (policy.NamespaceSelector is { } nsSelector)
        {
            yaml.Entry("namespaceSelector", nsSelector.Text);
        }

        if (policy.ServiceAccountSelector is { } accounts)
        {
            yaml.Entry("serviceAccountSelector", accounts.Text);
        }

        foreach (var option in policy.HostOptions)
        {
            yaml.Key(option);
            yaml.String("true");
        }

        WriteRules(yaml, "ingress", policy.Ingress);
        WriteRules(yaml, "egress", policy.Egress);
        if (!policy.Types.IsEmpty)
        {
            yaml.Key("types");
            yaml.BeginList();
            foreach (var type in policy.Types)
            {
                yaml.String(type == TrafficDirection.Ingress ? "Ingress" : "Egress");
            }

            yaml.EndList();
        }
    }

    private static void WriteTierSpec(YamlWriter yaml, CalicoTier tier)
    {
        if (tier.Order is { } order)
        {
            yaml.Key("order");
            yaml.Number(order);
        }

        if (tier.DefaultAction == TierDefault.Pass)
        {
            yaml.Entry("defaultAction", "Pass");
        }
    }

    private static void WriteNetworkSetSpec(YamlWriter yaml, CalicoNetworkSet set)
    {
        yaml.Strings("nets", set.Nets.Select(n => n.Text));
        yaml.Strings("allowedEgressDomains", set.AllowedEgressDomains);
    }

    private static void WriteProfileSpec(YamlWriter yaml, CalicoProfile profile)
    {
        WriteRules(yaml, "ingress", profile.Ingress);
        WriteRules(yaml, "egress", profile.Egress);
        yaml.Labels("labelsToApply", profile.LabelsToApply);
    }

    /// <summary>
    /// A pod read from WorkloadEndpoints, as one of them: the workload's labels with the ones Calico derives (namespace,
    /// orchestrator, service account), and the endpoint's own fields, addresses, profiles and ports.
    /// </summary>
    internal static void WriteWorkloadEndpoint(YamlWriter yaml, Workload workload, CalicoWorkloadEndpoint endpoint)
    {
        yaml.BeginMap();
        yaml.BeginMetadata(ApiVersion, "WorkloadEndpoint", endpoint.Name, workload.Namespace);
        List<KeyValuePair<string, string>> derived = [new("projectcalico.org/namespace", workload.Namespace)];
        if (endpoint.Orchestrator is { } orchestrator)
        {
            derived.Add(new("projectcalico.org/orchestrator", orchestrator));
        }

        if (workload.ServiceAccount is { } account)
        {
            derived.Add(new("projectcalico.org/serviceaccount", account));
        }

        yaml.Labels("labels", workload.Labels.Concat(derived));
        yaml.EndMap();
        yaml.Key("spec");
        yaml.BeginMap();
        foreach (var (key, value) in (ReadOnlySpan<(string, string?)>)[("orchestrator", endpoint.Orchestrator), ("node", endpoint.Node), ("containerID", endpoint.ContainerId), ("pod", workload.Name), ("endpoint", endpoint.Endpoint)])
        {
            if (value is not null)
            {
                yaml.Entry(key, value);
            }
        }

        yaml.Strings("ipNetworks", endpoint.Networks.Select(n => n.Text));
        yaml.Strings("profiles", endpoint.Profiles);
        foreach (var (key, value) in (ReadOnlySpan<(string, string?)>)[("interfaceName", endpoint.InterfaceName), ("mac", endpoint.Mac)])
        {
            if (value is not null)
            {
                yaml.Entry(key, value);
            }
        }

        WritePorts(yaml, "ports", endpoint.Ports.Select(p => (p.Name, p.Protocol, p.Number, (string?)null)));
        yaml.EndMap();
        yaml.EndMap();
    }

    private static void WriteHostEndpointSpec(YamlWriter yaml, CalicoHostEndpoint host)
    {
        if (host.Node is { } node)
        {
            yaml.Entry("node", node);
        }

        if (host.InterfaceName is { } name)
        {
            yaml.Entry("interfaceName", name);
        }

        yaml.Strings("expectedIPs", host.ExpectedIps.Select(ip => ip.Text[..ip.Text.IndexOf('/')]));
        yaml.Strings("profiles", host.Profiles);
        WritePorts(yaml, "ports", host.Ports.Select(p => (p.Name, p.Protocol, p.Number, (string?)null)));
    }

    private static void WriteFelixConfigurationSpec(YamlWriter yaml, CalicoFelixConfiguration felix)
    {
        foreach (var (key, ports) in (ReadOnlySpan<(string, ValueArray<CalicoFailsafePort>?)>)[("failsafeInboundHostPorts", felix.FailsafeInbound), ("failsafeOutboundHostPorts", felix.FailsafeOutbound)])
        {
            if (ports is { } list)
            {
                WritePorts(yaml, key, list.Select(p => ((string?)null, p.Protocol, p.Port, p.Net?.Text)), writeEmpty: true);
            }
        }
    }

    /// <summary>A list of ports as endpoints and Felix write them (name, protocol, port, net), or <c>[]</c> when <paramref name="writeEmpty"/>.</summary>
    private static void WritePorts(YamlWriter yaml, string key, IEnumerable<(string? Name, Engine.Connections.Protocol Protocol, int Port, string? Net)> ports, bool writeEmpty = false)
    {
        var list = ports.ToList();
        if (list.Count == 0 && !writeEmpty)
        {
            return;
        }

        yaml.Key(key);
        yaml.BeginList();
        foreach (var (name, protocol, port, net) in list)
        {
            yaml.BeginMap();
            if (name is not null)
            {
                yaml.Entry("name", name);
            }

            yaml.Entry("protocol", protocol.ToString());
            yaml.Entry("port", port);
            if (net is not null)
            {
                yaml.Entry("net", net);
            }

            yaml.EndMap();
        }

        yaml.EndList();
    }

    private static void WriteRules(YamlWriter yaml, string key, ValueArray<CalicoRule> rules)
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
            yaml.Entry("action", rule.Action.ToString());
            if (rule.Protocol is { } protocol)
            {
                WriteProtocol(yaml, "protocol", protocol);
            }

            if (rule.NotProtocol is { } notProtocol)
            {
                WriteProtocol(yaml, "notProtocol", notProtocol);
            }

            WriteIcmp(yaml, "icmp", rule.Icmp);
            WriteIcmp(yaml, "notICMP", rule.NotIcmp);
            if (rule.IpVersion is { } version)
            {
                yaml.Entry("ipVersion", version);
            }

            WriteEntity(yaml, "source", rule.Source);
            WriteEntity(yaml, "destination", rule.Destination);
            if (rule.Http is { } http)
            {
                yaml.Key("http");
                yaml.BeginMap();
                yaml.Strings("methods", http.Methods);
                if (!http.Paths.IsEmpty)
                {
                    yaml.Key("paths");
                    yaml.BeginList();
                    foreach (var path in http.Paths)
                    {
                        yaml.BeginMap();
                        yaml.Entry(path.Prefix ? "prefix" : "exact", path.Path);
                        yaml.EndMap();
                    }

                    yaml.EndList();
                }

                yaml.EndMap();
            }

            yaml.EndMap();
        }

        yaml.EndList();
    }

    private static void WriteProtocol(YamlWriter yaml, string key, CalicoProtocol protocol)
    {
        yaml.Key(key);
        if (int.TryParse(protocol.Text, out var number))
        {
            yaml.Number(number);
        }
        else
        {
            yaml.String(protocol.Text);
        }
    }

    private static void WriteIcmp(YamlWriter yaml, string key, CalicoIcmp? icmp)
    {
        if (icmp is null)
        {
            return;
        }

        yaml.Key(key);
        if (icmp.Type is null && icmp.Code is null)
        {
            yaml.EmptyMap();
            return;
        }

        yaml.BeginMap();
        if (icmp.Type is { } type)
        {
            yaml.Entry("type", type);
        }

        if (icmp.Code is { } code)
        {
            yaml.Entry("code", code);
        }

        yaml.EndMap();
    }

    private static void WriteEntity(YamlWriter yaml, string key, CalicoEntityRule entity)
    {
        if (entity == CalicoEntityRule.Any)
        {
            return;
        }

        yaml.Key(key);
        yaml.BeginMap();
        yaml.Strings("nets", entity.Nets.Select(n => n.Text));
        yaml.Strings("notNets", entity.NotNets.Select(n => n.Text));
        if (entity.Selector is { } selector)
        {
            yaml.Entry("selector", selector.Text);
        }

        if (entity.NotSelector is { } notSelector)
        {
            yaml.Entry("notSelector", notSelector.Text);
        }

        if (entity.NamespaceSelector is { } nsSelector)
        {
            yaml.Entry("namespaceSelector", nsSelector.Text);
        }

        if (entity.ServiceAccounts is { } accounts)
        {
            yaml.Key("serviceAccounts");
            yaml.BeginMap();
            yaml.Strings("names", accounts.Names);
            if (accounts.Selector is { } s)
            {
                yaml.Entry("selector", s.Text);
            }

            yaml.EndMap();
        }

        if (entity.Services is { } services)
        {
            yaml.Key("services");
            yaml.BeginMap();
            yaml.Entry("name", services.Name);
            if (services.Namespace is { } ns)
            {
                yaml.Entry("namespace", ns);
            }

            yaml.EndMap();
        }

        WritePorts(yaml, "ports", entity.Ports);
        WritePorts(yaml, "notPorts", entity.NotPorts);
        yaml.EndMap();
    }

    private static void WritePorts(YamlWriter yaml, string key, ValueArray<CalicoPort> ports)
    {
        if (ports.IsEmpty)
        {
            return;
        }

        yaml.Key(key);
        yaml.BeginList();
        foreach (var port in ports)
        {
            if (port.IsNamed || port.Start != port.End)
            {
                yaml.String(port.ToString());
            }
            else
            {
                yaml.Number(port.Start);
            }
        }

        yaml.EndList();
    }
}
