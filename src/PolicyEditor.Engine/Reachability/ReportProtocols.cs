using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// Which protocols a report of a cluster speaks of, and connections and changes as such a report reads them.
/// Policies that name only SCTP, TCP and UDP (NetworkPolicy and the admin policies can name no other) treat
/// every other protocol alike, allowed exactly where a rule without ports allows; their report speaks of the
/// three, as other Kubernetes policy analyzers' do. A policy naming another protocol (ICMP, UDPLite, a protocol
/// number) makes the report speak of every protocol; a dialect's policies tell what they name through
/// <see cref="INamesProtocols"/>.
/// </summary>
public static class ReportProtocols
{
    /// <summary>The scope of a report of <paramref name="cluster"/> when the user does not choose one.</summary>
    public static ProtocolScope Of(Cluster cluster) => NamesOnlyKubernetesProtocols(cluster) ? ProtocolScope.Kubernetes : ProtocolScope.Every;

    /// <summary>The connection as a report of <paramref name="scope"/> reads it; null when it shows nothing of it.</summary>
    public static Connection? Shown(Connection connection, ProtocolScope scope)
    {
        var shown = connection.Allowed.AsReported(scope);
        return shown.IsEmpty ? null : ReferenceEquals(shown, connection.Allowed) ? connection : connection with { Allowed = shown };
    }

    /// <summary>The change as a report of <paramref name="scope"/> reads it; null when the change is not in that scope.</summary>
    public static ConnectionChange? Shown(ConnectionChange change, ProtocolScope scope)
    {
        var before = change.Before.AsReported(scope);
        var after = change.After.AsReported(scope);
        if (before.Equals(after))
        {
            return null;
        }

        var kind = before.IsEmpty ? ChangeKind.Added : after.IsEmpty ? ChangeKind.Removed : ChangeKind.Changed;
        return change with { Kind = kind, Before = before, After = after };
    }

    private static bool NamesOnlyKubernetesProtocols(Cluster cluster) =>
        cluster.NetworkPolicies.All(p => p.Ingress.Concat(p.Egress).All(r => r.Ports.All(port => port.Protocol.IsKubernetes)))
        && cluster.AdminNetworkPolicies.All(p => Admin(p.Ingress) && Admin(p.Egress))
        && (cluster.BaselineAdminNetworkPolicy is not { } baseline || (Admin(baseline.Ingress) && Admin(baseline.Egress)))
        && cluster.ClusterNetworkPolicies.All(p => Admin(p.Ingress) && Admin(p.Egress))
        && cluster.OtherPolicies.OfType<INamesProtocols>().All(p => p.NamedProtocols.All(protocol => protocol.IsKubernetes));

    private static bool Admin(ValueArray<AdminRule> rules) => rules.All(r => r.Ports.All(p => p.NamedPort is not null || p.Protocol.IsKubernetes));
}
