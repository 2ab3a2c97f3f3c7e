using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>The policy view's edits of a NetworkPolicy: each returns the policy changed, nothing else of it.</summary>
public static class NetworkPolicyEdits
{
    /// <summary>
    /// The policy without the peer a link stands for: the peer alone when its rule has others, else the whole
    /// rule (a rule left without peers would allow every peer). Removing the last rule of a direction keeps
    /// that direction isolated (its policyTypes written out), so deleting a link never opens traffic.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The policy has no such rule or peer (it changed since it was drawn).</exception>
    public static NetworkPolicy RemovePeer(NetworkPolicy policy, TrafficDirection direction, int rule, int peer)
    {
        var rules = Rules(policy, direction);
        if (rule < 0 || rule >= rules.Count || peer >= rules[rule].Peers.Count || (peer < 0 && !rules[rule].Peers.IsEmpty))
        {
            throw new ArgumentOutOfRangeException(nameof(rule), $"{policy.Id} has no {direction.ToString().ToLowerInvariant()} rule {rule + 1} with that peer any more.");
        }

        var target = rules[rule];
        var changed = peer < 0 || target.Peers.Count == 1
            ? rules.Items.RemoveAt(rule)
            : rules.Items.SetItem(rule, target with { Peers = target.Peers.Items.RemoveAt(peer) });
        var pinned = changed.IsEmpty && policy.DeclaredPolicyTypes is null ? policy with { DeclaredPolicyTypes = policy.Types } : policy;
        return With(pinned, direction, changed);
    }

    /// <summary>The policy with a new rule that allows <paramref name="peer"/> on <paramref name="ports"/> (none: every port) in <paramref name="direction"/>.</summary>
    public static NetworkPolicy AddPeer(NetworkPolicy policy, TrafficDirection direction, NetworkPolicyPeer peer, ValueArray<NetworkPolicyPort> ports) =>
        With(policy, direction, Rules(policy, direction).Items.Add(new NetworkPolicyRule(ValueArray.Create(peer), ports)));

    /// <summary>
    /// The policy with the peer of a link replaced by <paramref name="replacement"/> (a rule without peers gets it as
    /// its one peer) and that rule's ports set to <paramref name="ports"/> (the rule's other peers share them).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The policy has no such rule or peer (it changed since it was drawn).</exception>
    public static NetworkPolicy ReplacePeer(NetworkPolicy policy, TrafficDirection direction, int rule, int peer, NetworkPolicyPeer replacement, ValueArray<NetworkPolicyPort> ports)
    {
        var rules = Rules(policy, direction);
        if (rule < 0 || rule >= rules.Count || peer >= rules[rule].Peers.Count || (peer < 0 && !rules[rule].Peers.IsEmpty))
        {
            throw new ArgumentOutOfRangeException(nameof(rule), $"{policy.Id} has no {direction.ToString().ToLowerInvariant()} rule {rule + 1} with that peer any more.");
        }

        var target = rules[rule];
        var peers = peer < 0 ? ValueArray.Create(replacement) : target.Peers.Items.SetItem(peer, replacement).ToValueArray();
        return With(policy, direction, rules.Items.SetItem(rule, new NetworkPolicyRule(peers, ports)));
    }

    private static ValueArray<NetworkPolicyRule> Rules(NetworkPolicy policy, TrafficDirection direction) =>
        direction == TrafficDirection.Ingress ? policy.Ingress : policy.Egress;

    private static NetworkPolicy With(NetworkPolicy policy, TrafficDirection direction, IEnumerable<NetworkPolicyRule> rules) =>
        direction == TrafficDirection.Ingress ? policy with { Ingress = rules.ToValueArray() } : policy with { Egress = rules.ToValueArray() };
}
