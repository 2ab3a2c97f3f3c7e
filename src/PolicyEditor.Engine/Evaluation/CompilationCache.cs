using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>
/// Compiles each distinct peer and port list once: real clusters repeat the same selectors and ports
/// across thousands of policies, and sharing the compiled objects also lets the matrix builder's
/// per-peer caches hit.
/// </summary>
internal sealed class CompilationCache
{
    private readonly Dictionary<(NetworkPolicyPeer, string?), PeerMatcher> _peers = [];
    private readonly Dictionary<(string, Selectors.LabelSelector), PeerMatcher> _subjects = [];
    private readonly Dictionary<ValueArray<NetworkPolicyPort>, PortsMatcher> _ports = [];
    private readonly Dictionary<Program.ProgramPeer, PeerMatcher[]> _programPeers = [];
    private readonly Dictionary<Program.ProgramPorts, PortsMatcher> _programPorts = [];
    private int _nextPeerId;

    /// <summary>How many distinct peers have been compiled (peer ids are below this).</summary>
    public int PeerCount => Volatile.Read(ref _nextPeerId);

    /// <summary>A fresh peer id.</summary>
    public int NextPeerId() => Interlocked.Increment(ref _nextPeerId) - 1;

    public PeerMatcher Peer(NetworkPolicyPeer peer, string policyNamespace)
    {
        // Only a podSelector-only peer depends on the policy's namespace.
        var key = (peer, peer.IpBlock is null && peer.NamespaceSelector is null ? policyNamespace : null);
        lock (_peers)
        {
            if (!_peers.TryGetValue(key, out var matcher))
            {
                matcher = PeerMatcher.From(peer, policyNamespace, NextPeerId());
                _peers[key] = matcher;
            }

            return matcher;
        }
    }

    /// <summary>The pods a NetworkPolicy's pod selector takes in, as the peer of the same pods (compiled once per namespace and selector).</summary>
    public PeerMatcher Subject(string policyNamespace, Selectors.LabelSelector podSelector)
    {
        lock (_subjects)
        {
            if (!_subjects.TryGetValue((policyNamespace, podSelector), out var matcher))
            {
                matcher = Peer(NetworkPolicyPeer.Pods(podSelector), policyNamespace);
                _subjects[(policyNamespace, podSelector)] = matcher;
            }

            return matcher;
        }
    }

    /// <summary>The matchers of a program rule's peer, compiled once per distinct peer.</summary>
    public PeerMatcher[] Peers(Program.ProgramPeer peer)
    {
        lock (_programPeers)
        {
            if (!_programPeers.TryGetValue(peer, out var matchers))
            {
                matchers = PeerMatcher.From(peer, NextPeerId);
                _programPeers[peer] = matchers;
            }

            return matchers;
        }
    }

    /// <summary>The matcher of a program rule's ports, compiled once per distinct port list.</summary>
    public PortsMatcher Ports(Program.ProgramPorts ports)
    {
        lock (_programPorts)
        {
            if (!_programPorts.TryGetValue(ports, out var matcher))
            {
                matcher = PortsMatcher.FromProgram(ports);
                _programPorts[ports] = matcher;
            }

            return matcher;
        }
    }

    public PortsMatcher Ports(ValueArray<NetworkPolicyPort> ports)
    {
        if (ports.IsEmpty)
        {
            return PortsMatcher.Any;
        }

        lock (_ports)
        {
            if (!_ports.TryGetValue(ports, out var matcher))
            {
                matcher = PortsMatcher.FromNetworkPolicy(ports);
                _ports[ports] = matcher;
            }

            return matcher;
        }
    }
}
