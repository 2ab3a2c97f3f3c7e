namespace PolicyEditor.Engine.Evaluation;

/// <summary>A compiled rule: peers (none: every peer) and ports.</summary>
internal sealed class RuleMatcher
{
    public RuleMatcher(int index, PeerMatcher[] peers, PortsMatcher ports)
    {
        Index = index;
        Peers = peers;
        Ports = ports;
    }

    /// <summary>The rule's position in its list, from 0.</summary>
    public int Index { get; }

    /// <summary>The peers; empty means every peer.</summary>
    public PeerMatcher[] Peers { get; }

    /// <summary>The ports.</summary>
    public PortsMatcher Ports { get; }

    /// <summary>True when the rule applies to every peer (no <c>from</c>/<c>to</c>, or an empty one).</summary>
    public bool MatchesEveryPeer => Peers.Length == 0;

    /// <summary>The index of the first peer that <paramref name="endpoint"/> is, -1 when none (or every peer: -2).</summary>
    public int MatchingPeer(Endpoint endpoint, NamespaceDirectory namespaces)
    {
        if (Peers.Length == 0)
        {
            return -2;
        }

        for (var i = 0; i < Peers.Length; i++)
        {
            if (Peers[i].Matches(endpoint, namespaces))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether <paramref name="endpoint"/> is one of the rule's peers.</summary>
    public bool Matches(Endpoint endpoint, NamespaceDirectory namespaces) => MatchingPeer(endpoint, namespaces) != -1;
}
