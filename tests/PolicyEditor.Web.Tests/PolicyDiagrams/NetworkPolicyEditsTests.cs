using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Web.PolicyDiagrams;

namespace PolicyEditor.Web.Tests.PolicyDiagrams;

/// <summary>Deleting a link removes exactly its peer (or its rule); adding a peer adds one rule; the palette's text is read or refused.</summary>
public sealed class NetworkPolicyEditsTests
{
    private static readonly NetworkPolicyPeer Web = NetworkPolicyPeer.Pods(LabelSelector.ForLabels(("app", "web")));
    private static readonly NetworkPolicyPeer Monitoring = NetworkPolicyPeer.Namespaces(LabelSelector.ForLabels((Namespace.NameLabel, "monitoring")));

    private static readonly NetworkPolicy Db = new("shop", "db", LabelSelector.ForLabels(("app", "db")), null,
        ValueArray.Create(new NetworkPolicyRule(ValueArray.Create(Web, Monitoring), ValueArray.Create(NetworkPolicyPort.Of(Protocol.TCP, 5432)))),
        ValueArray<NetworkPolicyRule>.Empty);

    [Fact]
    public void RemovingOnePeerOfTwo_KeepsTheRuleWithTheOther()
    {
        var changed = NetworkPolicyEdits.RemovePeer(Db, TrafficDirection.Ingress, 0, 0);

        Assert.Equal([Monitoring], changed.Ingress.Single().Peers);
        Assert.Equal(Db.Ingress[0].Ports, changed.Ingress[0].Ports);
        Assert.Null(changed.DeclaredPolicyTypes);
    }

    [Fact]
    public void RemovingTheLastPeer_RemovesTheRule_AndKeepsTheDirectionIsolated()
    {
        var once = NetworkPolicyEdits.RemovePeer(Db, TrafficDirection.Ingress, 0, 0);

        var changed = NetworkPolicyEdits.RemovePeer(once, TrafficDirection.Ingress, 0, 0);

        Assert.True(changed.Ingress.IsEmpty);
        Assert.Equal(PolicyTypes.Ingress, changed.DeclaredPolicyTypes);
    }

    [Fact]
    public void RemovingAPeerThatIsNoLongerThere_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NetworkPolicyEdits.RemovePeer(Db, TrafficDirection.Ingress, 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => NetworkPolicyEdits.RemovePeer(Db, TrafficDirection.Egress, 0, 0));
    }

    [Fact]
    public void AddingAPeer_AddsOneRuleWithItsPorts()
    {
        var changed = NetworkPolicyEdits.AddPeer(Db, TrafficDirection.Egress, Monitoring, ValueArray.Create(NetworkPolicyPort.Of(Protocol.UDP, 53)));

        var rule = Assert.Single(changed.Egress);
        Assert.Equal([Monitoring], rule.Peers);
        Assert.Equal([NetworkPolicyPort.Of(Protocol.UDP, 53)], rule.Ports);
        Assert.Equal(Db.Ingress, changed.Ingress);
    }

    [Fact]
    public void PaletteText_IsReadIntoAPeerAndPorts()
    {
        var (peer, ports, error) = new PeerDraft(PeerKind.PodsInNamespace, TrafficDirection.Ingress)
        {
            Namespace = "monitoring",
            Labels = "app=prometheus, tier=ops",
            Ports = "TCP 80, UDP 53, TCP 8000-8080, TCP metrics, 443, SCTP",
        }.Read();

        Assert.Null(error);
        Assert.Equal(NetworkPolicyPeer.PodsInNamespaces(LabelSelector.ForLabels((Namespace.NameLabel, "monitoring")), LabelSelector.ForLabels(("app", "prometheus"), ("tier", "ops"))), peer);
        Assert.Equal(
            [NetworkPolicyPort.Of(Protocol.TCP, 80), NetworkPolicyPort.Of(Protocol.UDP, 53), NetworkPolicyPort.Range(Protocol.TCP, 8000, 8080),
             NetworkPolicyPort.Named(Protocol.TCP, "metrics"), NetworkPolicyPort.Of(Protocol.TCP, 443), NetworkPolicyPort.AllOf(Protocol.SCTP)],
            ports.Items.ToArray());
    }

    [Theory]
    [InlineData(PeerKind.Cidr, "", "", "", "CIDR")]
    [InlineData(PeerKind.Cidr, "10.0.0.0/8", "", "TCP 99999", "Ports")]
    [InlineData(PeerKind.Pods, "", "app", "", "Labels")]
    [InlineData(PeerKind.Namespace, "", "", "ICMP 8", "Ports")]
    [InlineData(PeerKind.Namespace, "", "", "", "Name the namespace")]
    public void PaletteText_ThatCannotBeRead_SaysWhichField(PeerKind kind, string cidr, string labels, string ports, string field)
    {
        var (peer, _, error) = new PeerDraft(kind, TrafficDirection.Ingress) { Cidr = cidr, Labels = labels, Ports = ports }.Read();

        Assert.Null(peer);
        Assert.StartsWith(field, error, StringComparison.Ordinal);
    }

    [Fact]
    public void CidrWithExceptions_IsAnIpBlock()
    {
        var (peer, ports, _) = new PeerDraft(PeerKind.Cidr, TrafficDirection.Egress) { Cidr = "10.0.0.0/8", Except = "10.1.0.0/16, 10.2.0.0/16" }.Read();

        Assert.Equal("10.0.0.0/8 except 10.1.0.0/16, 10.2.0.0/16", peer!.IpBlock!.ToString());
        Assert.True(ports.IsEmpty);
    }

    [Fact]
    public void ReplacingAPeer_ChangesThatPeerAndItsRulesPorts_AndNothingElse()
    {
        var backends = NetworkPolicyPeer.Pods(LabelSelector.ForLabels(("tier", "backend")));

        var changed = NetworkPolicyEdits.ReplacePeer(Db, TrafficDirection.Ingress, 0, 0, backends, ValueArray.Create(NetworkPolicyPort.Of(Protocol.TCP, 6432)));

        Assert.Equal([backends, Monitoring], changed.Ingress.Single().Peers);
        Assert.Equal([NetworkPolicyPort.Of(Protocol.TCP, 6432)], changed.Ingress[0].Ports);
        Assert.Equal(Db.Egress, changed.Egress);
    }

    [Fact]
    public void APeerWritten_IsReadBackIntoTheEditor_AndOneItCannotHold_IsNot()
    {
        var draft = PeerDraft.Of(Db.Ingress[0].Peers[1], Db.Ingress[0].Ports, TrafficDirection.Ingress, 0, 1)!;

        Assert.Equal((PeerKind.Namespace, "monitoring", "TCP 5432", (0, 1)), (draft.Kind, draft.Namespace, draft.Ports, draft.Replaces!.Value));
        Assert.Equal(Db.Ingress[0].Peers[1], draft.Read().Peer);
        var byTeam = NetworkPolicyPeer.Namespaces(LabelSelector.ForLabels(("team", "shop")));
        Assert.Null(PeerDraft.Of(byTeam, [], TrafficDirection.Ingress, 0, 0));
    }
}
