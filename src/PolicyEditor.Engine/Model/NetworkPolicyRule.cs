namespace PolicyEditor.Engine.Model;

/// <summary>
/// One ingress or egress rule. An empty (or absent) peer list matches every peer; an empty (or absent)
/// port list matches every port. A rule allows traffic that matches one of its peers AND one of its ports.
/// </summary>
public sealed record NetworkPolicyRule(ValueArray<NetworkPolicyPeer> Peers, ValueArray<NetworkPolicyPort> Ports)
{
    /// <summary>The rule <c>{}</c>, which allows everything.</summary>
    public static readonly NetworkPolicyRule AllowAll = new(ValueArray<NetworkPolicyPeer>.Empty, ValueArray<NetworkPolicyPort>.Empty);
}
