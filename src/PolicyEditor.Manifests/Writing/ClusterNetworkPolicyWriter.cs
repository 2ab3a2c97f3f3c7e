using PolicyEditor.Engine.Model;

namespace PolicyEditor.Manifests.Writing;

/// <summary>Writes policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicies as the reader reads them.</summary>
internal static class ClusterNetworkPolicyWriter
{
    public static void Write(YamlWriter yaml, ClusterNetworkPolicy policy)
    {
        yaml.BeginMap();
        yaml.Header("policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", policy.Name);
        yaml.Key("spec");
        yaml.BeginMap();
        yaml.Entry("tier", policy.Tier.ToString());
        yaml.Entry("priority", policy.Priority);
        ManifestWriter.WriteAdminSubject(yaml, policy.Subject);
        ManifestWriter.WriteAdminRules(yaml, "ingress", "from", policy.Ingress, ActionName, "protocols", WriteProtocol);
        ManifestWriter.WriteAdminRules(yaml, "egress", "to", policy.Egress, ActionName, "protocols", WriteProtocol);
        yaml.EndMap();
        yaml.EndMap();
    }

    /// <summary>v1alpha2 names Allow <c>Accept</c>.</summary>
    private static string ActionName(AdminAction action) => action == AdminAction.Allow ? "Accept" : action.ToString();

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
