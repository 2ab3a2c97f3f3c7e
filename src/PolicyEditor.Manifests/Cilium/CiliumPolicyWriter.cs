using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Manifests.Cilium;

/// <summary>Writes Cilium policies and CIDR groups back to YAML that Cilium accepts and that loads back to an equal record.</summary>
public static class CiliumPolicyWriter
{
    /// <summary>One policy as a YAML document.</summary>
    public static string Write(CiliumPolicy policy) => WriteAll([policy]);

    /// <summary>The Cilium objects among <paramref name="resources"/> (CIDR groups first), as one multi-document stream; empty when there are none.</summary>
    public static string WriteAll(IEnumerable<IPolicyResource> resources)
    {
        var list = resources.Where(r => r is CiliumPolicy or CiliumCidrGroup).OrderBy(r => r is CiliumPolicy).ToList();
        return list.Count == 0 ? string.Empty : ManifestWriter.WritePolicies(list);
    }

    /// <summary>A CiliumCIDRGroup as a YAML mapping.</summary>
    internal static void WriteGroup(YamlWriter yaml, CiliumCidrGroup group)
    {
        yaml.BeginMap();
        yaml.BeginMetadata("cilium.io/v2", CiliumCidrGroup.KindName, group.Name);
        if (group.Labels.Count > 0)
        {
            yaml.Key("labels");
            yaml.BeginMap();
            foreach (var (k, v) in group.Labels)
            {
                yaml.Entry(k, v);
            }

            yaml.EndMap();
        }

        yaml.EndMap();
        yaml.Key("spec");
        yaml.BeginMap();
        yaml.Strings("externalCIDRs", group.ExternalCidrs);
        yaml.EndMap();
        yaml.EndMap();
    }

    /// <summary>A CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy as a YAML mapping.</summary>
    internal static void WritePolicy(YamlWriter yaml, CiliumPolicy policy)
    {
        yaml.BeginMap();
        yaml.Header("cilium.io/v2", policy.Kind, policy.Name, policy.Namespace);
        if (policy.Spec is not null)
        {
            yaml.Key("spec");
            WriteRule(yaml, policy.Spec);
        }

        if (!policy.Specs.IsEmpty)
        {
            yaml.Key("specs");
            yaml.BeginList();
            foreach (var rule in policy.Specs)
            {
                WriteRule(yaml, rule);
            }

            yaml.EndList();
        }

        yaml.EndMap();
    }

    private static void WriteRule(YamlWriter yaml, CiliumRule rule)
    {
        yaml.BeginMap();
        if (rule.Description is not null)
        {
            yaml.Entry("description", rule.Description);
        }

        if (rule.EndpointSelector is not null)
        {
            yaml.Key("endpointSelector");
            ManifestWriter.WriteSelector(yaml, rule.EndpointSelector);
        }

        if (rule.NodeSelector is not null)
        {
            yaml.Key("nodeSelector");
            ManifestWriter.WriteSelector(yaml, rule.NodeSelector);
        }

        if (rule.DefaultDenyIngress is not null || rule.DefaultDenyEgress is not null)
        {
            yaml.Key("enableDefaultDeny");
            yaml.BeginMap();
            if (rule.DefaultDenyIngress is { } i)
            {
                yaml.Key("ingress");
                yaml.Boolean(i);
            }

            if (rule.DefaultDenyEgress is { } e)
            {
                yaml.Key("egress");
                yaml.Boolean(e);
            }

            yaml.EndMap();
        }

        Section(yaml, "ingress", rule.Ingress, "from");
        Section(yaml, "ingressDeny", rule.IngressDeny, "from");
        Section(yaml, "egress", rule.Egress, "to");
        Section(yaml, "egressDeny", rule.EgressDeny, "to");
        yaml.EndMap();
    }

    private static void Section(YamlWriter yaml, string key, ValueArray<CiliumPeerRule> rules, string dir)
    {
        if (rules.IsEmpty)
        {
            return;
        }

        yaml.Key(key);
        yaml.BeginList();
        foreach (var rule in rules)
        {
            WritePeerRule(yaml, rule, dir);
        }

        yaml.EndList();
    }

    private static void WritePeerRule(YamlWriter yaml, CiliumPeerRule rule, string dir)
    {
        if (rule == CiliumPeerRule.Empty)
        {
            yaml.EmptyMap();
            return;
        }

        yaml.BeginMap();
        if (!rule.Endpoints.IsEmpty)
        {
            yaml.Key($"{dir}Endpoints");
            yaml.BeginList();
            foreach (var s in rule.Endpoints)
            {
                ManifestWriter.WriteSelector(yaml, s);
            }

            yaml.EndList();
        }

        yaml.Strings($"{dir}CIDR", rule.Cidrs.Where(c => !c.IsSet).Select(c => c.Cidr!));
        var sets = rule.Cidrs.Where(c => c.IsSet).ToList();
        if (sets.Count > 0)
        {
            yaml.Key($"{dir}CIDRSet");
            yaml.BeginList();
            foreach (var set in sets)
            {
                yaml.BeginMap();
                if (set.Cidr is not null)
                {
                    yaml.Entry("cidr", set.Cidr);
                }

                if (set.GroupRef is not null)
                {
                    yaml.Entry("cidrGroupRef", set.GroupRef);
                }

                if (set.GroupSelector is not null)
                {
                    yaml.Key("cidrGroupSelector");
                    ManifestWriter.WriteSelector(yaml, set.GroupSelector);
                }

                yaml.Strings("except", set.Except);
                yaml.EndMap();
            }

            yaml.EndList();
        }

        yaml.Strings($"{dir}Entities", rule.Entities);
        if (!rule.Services.IsEmpty)
        {
            yaml.Key("toServices");
            yaml.BeginList();
            foreach (var s in rule.Services)
            {
                yaml.BeginMap();
                yaml.Key(s.Name is not null ? "k8sService" : "k8sServiceSelector");
                yaml.BeginMap();
                if (s.Name is not null)
                {
                    yaml.Entry("serviceName", s.Name);
                }
                else
                {
                    yaml.Key("selector");
                    ManifestWriter.WriteSelector(yaml, s.Selector ?? LabelSelector.Everything);
                }

                if (s.Namespace is not null)
                {
                    yaml.Entry("namespace", s.Namespace);
                }

                yaml.EndMap();
                yaml.EndMap();
            }

            yaml.EndList();
        }

        if (!rule.Fqdns.IsEmpty)
        {
            yaml.Key("toFQDNs");
            yaml.BeginList();
            foreach (var f in rule.Fqdns)
            {
                yaml.BeginMap();
                yaml.Entry(f.MatchName is not null ? "matchName" : "matchPattern", f.MatchName ?? f.MatchPattern!);
                yaml.EndMap();
            }

            yaml.EndList();
        }

        foreach (var field in rule.Undecided)
        {
            yaml.Key(field.Key);
            Value(yaml, field.Value);
        }

        if (!rule.Ports.IsEmpty)
        {
            yaml.Key("toPorts");
            yaml.BeginList();
            foreach (var p in rule.Ports)
            {
                WritePortRule(yaml, p);
            }

            yaml.EndList();
        }

        if (!rule.Icmps.IsEmpty)
        {
            yaml.Key("icmps");
            yaml.BeginList();
            yaml.BeginMap();
            yaml.Key("fields");
            yaml.BeginList();
            foreach (var i in rule.Icmps)
            {
                yaml.BeginMap();
                yaml.Entry("type", i.Type);
                yaml.Entry("family", i.Family);
                yaml.EndMap();
            }

            yaml.EndList();
            yaml.EndMap();
            yaml.EndList();
        }

        yaml.EndMap();
    }

    private static void WritePortRule(YamlWriter yaml, CiliumPortRule rule)
    {
        yaml.BeginMap();
        if (!rule.Ports.IsEmpty)
        {
            yaml.Key("ports");
            yaml.BeginList();
            foreach (var port in rule.Ports)
            {
                yaml.BeginMap();
                yaml.Entry("port", port.Port);
                if (port.EndPort is { } end)
                {
                    yaml.Entry("endPort", end);
                }

                if (port.Protocol is not null)
                {
                    yaml.Entry("protocol", port.Protocol);
                }

                yaml.EndMap();
            }

            yaml.EndList();
        }

        foreach (var field in rule.Rules is null ? rule.Undecided : rule.Undecided.Items.Add(rule.Rules))
        {
            yaml.Key(field.Key);
            Value(yaml, field.Value);
        }

        yaml.EndMap();
    }

    private static void Value(YamlWriter yaml, CiliumValue value)
    {
        if (value.Scalar is not null)
        {
            yaml.String(value.Scalar);
        }
        else if (value.IsList)
        {
            yaml.BeginList();
            foreach (var item in value.Items)
            {
                Value(yaml, item);
            }

            yaml.EndList();
        }
        else if (value.Entries.IsEmpty)
        {
            yaml.EmptyMap();
        }
        else
        {
            yaml.BeginMap();
            foreach (var entry in value.Entries)
            {
                yaml.Key(entry.Key);
                Value(yaml, entry.Value);
            }

            yaml.EndMap();
        }
    }
}
