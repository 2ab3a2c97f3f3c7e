using System.Globalization;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>
/// A peer as the palette's form holds it, before it is read: its kind, side, labels (<c>app=web, tier=db</c>),
/// namespace, CIDR with exceptions, and ports (<c>TCP 80, UDP 53, TCP 8000-8080, TCP http</c>; empty:
/// every port). <see cref="Read"/> turns it into a NetworkPolicy peer and ports, or says what is wrong.
/// </summary>
public sealed record PeerDraft(PeerKind Kind, TrafficDirection Direction)
{
    /// <summary>The pod labels, <c>key=value</c> separated by commas (empty: every pod).</summary>
    public string Labels { get; init; } = string.Empty;

    /// <summary>The namespace's name.</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>The CIDR.</summary>
    public string Cidr { get; init; } = string.Empty;

    /// <summary>CIDRs taken out of it, separated by commas.</summary>
    public string Except { get; init; } = string.Empty;

    /// <summary>The ports.</summary>
    public string Ports { get; init; } = string.Empty;

    /// <summary>The service account's name (<see cref="PeerKind.ServiceAccount"/>).</summary>
    public string ServiceAccount { get; init; } = string.Empty;

    /// <summary>The entity (<see cref="PeerKind.Entity"/>).</summary>
    public string Entity { get; init; } = "world";

    /// <summary>The DNS name, or a pattern with <c>*</c> (<see cref="PeerKind.DnsName"/>).</summary>
    public string DnsName { get; init; } = string.Empty;

    /// <summary>
    /// What the rule does with the peer, in a policy whose rules allow, deny, pass or log (admin policies, Calico) or
    /// allow and deny (Cilium); a NetworkPolicy's rules allow.
    /// </summary>
    public RuleAction Action { get; init; } = RuleAction.Allow;

    /// <summary>The action of the rule <see cref="Replaces"/> names, as it was (Cilium keeps allows and denies in separate sections).</summary>
    public RuleAction ReplacedAction { get; init; }

    /// <summary>Which part of the policy the peer goes into, from 0 (a Cilium policy's spec, <see cref="DiagramLink.Spec"/>).</summary>
    public int Spec { get; init; }

    /// <summary>Where a new rule goes among its direction's rules (from 0), where rule order decides; null: last.</summary>
    public int? Position { get; init; }

    /// <summary>The link whose peer this draft rewrites (its rule and peer, as <see cref="DiagramLink"/> counts them); null: a new peer, added as a new rule.</summary>
    public (int Rule, int Peer)? Replaces { get; init; }

    /// <summary>
    /// The form for a peer already written, to edit it: null when the form cannot hold it (selectors with
    /// expressions, a namespace chosen by other labels than its name), which the YAML pane edits instead.
    /// </summary>
    public static PeerDraft? Of(NetworkPolicyPeer peer, IEnumerable<NetworkPolicyPort> ports, TrafficDirection direction, int rule, int peerIndex)
    {
        string? Name(LabelSelector ns) => ns.MatchExpressions.IsEmpty && ns.MatchLabels.Count == 1 && ns.MatchLabels.First() is { Key: Engine.Model.Namespace.NameLabel } only ? only.Value : null;
        string? Labels(LabelSelector? pods) => pods is null ? string.Empty : pods.MatchExpressions.IsEmpty ? string.Join(", ", pods.MatchLabels.Select(l => $"{l.Key}={l.Value}")) : null;
        var kind = peer switch
        {
            { IpBlock: not null } => PeerKind.Cidr,
            { NamespaceSelector: null } => PeerKind.Pods,
            { PodSelector: null } => PeerKind.Namespace,
            _ => PeerKind.PodsInNamespace,
        };
        var ns = peer.NamespaceSelector is { } selector ? Name(selector) : string.Empty;
        var labels = Labels(peer.PodSelector);
        if (ns is null || labels is null)
        {
            return null;
        }

        return new PeerDraft(kind, direction)
        {
            Namespace = ns,
            Labels = labels,
            Cidr = peer.IpBlock?.Cidr.Text ?? string.Empty,
            Except = peer.IpBlock is { } block ? string.Join(", ", block.Except.Select(e => e.Text)) : string.Empty,
            Ports = PortsText(ports),
            Replaces = (rule, peerIndex),
        };
    }

    /// <summary>Ports as the form writes them (<c>TCP 80, UDP, TCP 8000-8080, TCP http</c>).</summary>
    public static string PortsText(IEnumerable<NetworkPolicyPort> ports) =>
        string.Join(", ", ports.Select(p => p.Port is null ? p.Protocol.ToString() : p.ToString()));

    /// <summary>The peer (as a NetworkPolicy names it) and its ports, or the reason the form cannot be read.</summary>
    public (NetworkPolicyPeer? Peer, ValueArray<NetworkPolicyPort> Ports, string? Error) Read()
    {
        try
        {
            var ports = ReadPorts();
            return (ReadPeer(), ports, null);
        }
        catch (ArgumentException e)
        {
            return (null, default, e.Message);
        }
    }

    private NetworkPolicyPeer ReadPeer()
    {
        if (Kind == PeerKind.Cidr)
        {
            var (cidr, except) = ReadCidr();
            return NetworkPolicyPeer.Addresses(new IpBlock(cidr, except));
        }

        var pods = LabelSelector.ForLabels([.. LabelPairs(Labels)]);
        return Kind switch
        {
            PeerKind.Pods => NetworkPolicyPeer.Pods(pods),
            PeerKind.Namespace => NetworkPolicyPeer.Namespaces(NamespaceNamed(ReadNamespace())),
            PeerKind.PodsInNamespace => NetworkPolicyPeer.PodsInNamespaces(NamespaceNamed(ReadNamespace()), pods),
            _ => throw new ArgumentException($"A NetworkPolicy names pods, namespaces and address ranges, not {Kind} peers."),
        };
    }

    private static LabelSelector NamespaceNamed(string ns) => LabelSelector.ForLabels((Engine.Model.Namespace.NameLabel, ns));

    /// <summary>Reads <c>key=value</c> pairs separated by commas.</summary>
    internal static bool TrySelector(string text, out LabelSelector selector, out string? error)
    {
        var pairs = new List<(string, string)>();
        foreach (var term in Split(text))
        {
            var eq = term.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                (selector, error) = (LabelSelector.Everything, $"Labels: '{term}' is not key=value.");
                return false;
            }

            pairs.Add((term[..eq].Trim(), term[(eq + 1)..].Trim()));
        }

        (selector, error) = (LabelSelector.ForLabels([.. pairs]), null);
        return true;
    }

    /// <summary>Reads ports: <c>PROTOCOL PORT</c>, <c>PROTOCOL START-END</c>, <c>PROTOCOL NAME</c>, a protocol alone, or a number (TCP).</summary>
    internal static bool TryPorts(string text, out ValueArray<NetworkPolicyPort> ports, out string? error)
    {
        var list = new List<NetworkPolicyPort>();
        foreach (var term in Split(text))
        {
            var parts = term.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var (protocolText, value) = parts.Length == 2 ? (parts[0], parts[1]) : char.IsDigit(term[0]) ? ("TCP", term) : (term, null);
            if (!Protocol.TryParse(protocolText, out var protocol) || protocol.Number is not (6 or 17 or 132))
            {
                (ports, error) = (default, $"Ports: '{term}' does not start with TCP, UDP or SCTP.");
                return false;
            }

            if (value is null)
            {
                list.Add(NetworkPolicyPort.AllOf(protocol));
                continue;
            }

            var dash = value.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && Port(value[..dash]) is { } start && Port(value[(dash + 1)..]) is { } end && start <= end)
            {
                list.Add(NetworkPolicyPort.Range(protocol, start, end));
            }
            else if (Port(value) is { } number)
            {
                list.Add(NetworkPolicyPort.Of(protocol, number));
            }
            else if (char.IsLetter(value[0]) && value.All(c => char.IsLetterOrDigit(c) || c == '-') && value.Length <= 15)
            {
                list.Add(NetworkPolicyPort.Named(protocol, value));
            }
            else
            {
                (ports, error) = (default, $"Ports: '{term}' is not a port (1-65535), a range or a port name.");
                return false;
            }
        }

        (ports, error) = (list.ToValueArray(), null);
        return true;
    }

    /// <summary>The pod labels as <c>(key, value)</c> pairs, or the reason they cannot be read.</summary>
    internal static IReadOnlyList<(string Key, string Value)> LabelPairs(string text)
    {
        if (!TrySelector(text, out var selector, out var error))
        {
            throw new ArgumentException(error);
        }

        return [.. selector.MatchLabels.Select(l => (l.Key, l.Value))];
    }

    /// <summary>The ports, or the reason they cannot be read.</summary>
    internal ValueArray<NetworkPolicyPort> ReadPorts() => TryPorts(Ports, out var ports, out var error) ? ports : throw new ArgumentException(error);

    /// <summary>The CIDR and its exceptions, or the reason they cannot be read.</summary>
    internal (Cidr Cidr, ValueArray<Cidr> Except) ReadCidr()
    {
        if (!Engine.Addresses.Cidr.TryParse(Cidr.Trim(), out var cidr, out var error))
        {
            throw new ArgumentException($"CIDR: {error}");
        }

        var except = new List<Cidr>();
        foreach (var text in Split(Except))
        {
            except.Add(Engine.Addresses.Cidr.TryParse(text, out var e, out var exceptError) ? e : throw new ArgumentException($"Except: {exceptError}"));
        }

        return (cidr, except.ToValueArray());
    }

    /// <summary>The namespace named, or the reason it is needed.</summary>
    internal string ReadNamespace() => Namespace.Trim() is { Length: > 0 } ns ? ns : throw new ArgumentException("Name the namespace.");

    private static int? Port(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && PortRange.IsValidPort(n) ? n : null;

    private static IEnumerable<string> Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
