using PolicyEditor.Engine.Model;

namespace PolicyEditor.Manifests.Writing;

/// <summary>Writes policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicies as the reader reads them.</summary>
internal static class ClusterNetworkPolicyWriter
{
    public static void Write(YamlWriter yaml, ClusterNetworkPolicy policy)
    {
        yaml.BeginMap();
        yaml.Entry("apiVersion", "policy.networking.k8s.io/v1alpha2");
        yaml.Entry("kind", "ClusterNetworkPolicy");
        yaml.Key("metadata");
        yaml.BeginMap();
        yaml.Entry("name", policy.Name);
        yaml.EndMap();
        yaml.Key("spec");
        yaml.BeginMap();
        yaml.Entry("tier", policy.Tier.ToString());
        yaml.Entry("priority", policy.Priority);
        ManifestWriter.WriteAdminSubject(yaml, policy.Subject);
        WriteRules(yaml, "ingress", "from", policy.Ingress);
        WriteRules(yaml, "egress", "to", policy.Egress);
        yaml.EndMap();
        yaml.EndMap();
    }

    private static void WriteRules(YamlWriter yaml, string key, string peersKey, ValueArray<AdminRule> rules)
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

            yaml.Entry("action", rule.Action == AdminAction.Allow ? "Accept" : rule.Action.ToString());
            yaml.Key(peersKey);
            yaml.BeginList();
            foreach (var peer in rule.Peers)
            {
                ManifestWriter.WriteAdminPeer(yaml, peer);
            }

            yaml.EndList();
            if (!rule.Ports.IsEmpty)
            {
                yaml.Key("protocols");
                yaml.BeginList();
                foreach (var port in rule.Ports)
                {
                    WriteProtocol(yaml, port);
                }

                yaml.EndList();
            }

            yaml.EndMap();
        }

        yaml.EndList();
    }

    private static void WriteProtocol(YamlWriter yaml, AdminPort port)
    {
        yaml.BeginMap();
        if (port.NamedPort is not null)
        {
            yaml.Entry("destinationNamedPort", port.NamedPort);
            yaml.EndMap();
            return;
        }

        yaml.Key(port.Protocol.ToString().ToLowerInvariant());
        yaml.BeginMap();
        yaml.Key("destinationPort");
        yaml.BeginMap();
        if (port.Start == port.End)
        {
            yaml.Entry("number", port.Start);
        }
        else
        {
            yaml.Key("range");
            yaml.BeginMap();
            yaml.Entry("start", port.Start);
            yaml.Entry("end", port.End);
            yaml.EndMap();
        }

        yaml.EndMap();
        yaml.EndMap();
        yaml.EndMap();
    }
}
