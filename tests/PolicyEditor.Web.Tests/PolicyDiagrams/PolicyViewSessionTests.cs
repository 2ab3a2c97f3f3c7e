using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.PolicyDiagrams;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.PolicyDiagrams;

/// <summary>The policy view through the explorer's session: its edits are shown with their impact, applied as one draft edit, and undone.</summary>
public sealed class PolicyViewSessionTests
{
    private static readonly Cluster Shop = SampleFiles.LoadShop().Result.Cluster;

    private readonly TestExplorer _explorer = new();

    private ExplorerSession Session => _explorer.Session;

    [Fact]
    public async Task DeletingALink_ShowsItsImpact_AppliesOneEdit_AndUndoTakesItBack()
    {
        await _explorer.OpenAsync(Shop);
        Session.OpenPolicyView("shop/allow-backends-to-db");
        var link = Assert.Single(Session.PolicyDiagram!.Links);

        await Session.ProposeRemoveLinkAsync(link);

        var pending = Session.PendingEdit!;
        Assert.StartsWith("Remove ingress rule 1", pending.Description, StringComparison.Ordinal);
        Assert.Contains(pending.Impact, c => c.Destination is WorkloadEndpoint { Workload.Name: "db" });
        await Session.ApplyPendingEditAsync();

        Assert.Null(Session.PendingEdit);
        Assert.True(Session.State!.Draft.FindPolicy("shop", "allow-backends-to-db")!.Ingress.IsEmpty);
        Assert.Empty(Session.PolicyDiagram!.Links);
        Assert.Equal(pending.Impact.Count, Session.ChangeCount);

        await Session.ExecuteAsync(new UndoEdit());

        Assert.Single(Session.PolicyDiagram!.Links);
        Assert.Equal(0, Session.ChangeCount);
    }

    [Fact]
    public async Task AddingAPeer_FromThePalette_AllowsItsTraffic()
    {
        await _explorer.OpenAsync(Shop);
        Session.OpenPolicyView("shop/allow-backends-to-db");

        await Session.ProposeAddPeerAsync(new PeerDraft(PeerKind.Namespace, TrafficDirection.Ingress) { Namespace = "monitoring", Ports = "TCP 5432" });
        await Session.ApplyPendingEditAsync();

        var links = Session.PolicyDiagram!.Links;
        Assert.Equal(2, links.Count);
        Assert.Equal(["namespace monitoring"], Session.PolicyDiagram.Node(links[1].PeerNode)!.NamespaceSelector);
        Assert.Contains(Session.Changes, c => c.Source is WorkloadEndpoint { Workload.Namespace: "monitoring" } && c.Destination is WorkloadEndpoint { Workload.Name: "db" });
    }

    [Fact]
    public async Task PaletteTextThatCannotBeRead_IsTold_AndNothingIsPending()
    {
        var told = await RefusalAsync(Shop, "shop/allow-backends-to-db", new PeerDraft(PeerKind.Cidr, TrafficDirection.Egress) { Cidr = "10.0.0.0/33" });

        Assert.StartsWith("CIDR", told, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminPolicysRules_AreMovedAndDeleted_InPlace()
    {
        static AdminRule Rule(string name, AdminAction action, string ns) =>
            new(name, action, ValueArray.Create(AdminPeer.OfNamespaces(Engine.Selectors.LabelSelector.ForLabels((Namespace.NameLabel, ns)))), ValueArray<AdminPort>.Empty);
        var guard = new AdminNetworkPolicy("guard", 10, AdminSubject.OfNamespaces(Engine.Selectors.LabelSelector.ForLabels((Namespace.NameLabel, "shop"))),
            ValueArray.Create(Rule("let-monitoring", AdminAction.Allow, "monitoring"), Rule("no-monitoring", AdminAction.Deny, "monitoring")),
            ValueArray<AdminRule>.Empty);
        await _explorer.OpenAsync(Shop.Apply(PolicyChange.Upsert(guard)));
        Session.OpenPolicyView("AdminNetworkPolicy guard");
        Assert.True(Session.PolicyDiagram!.Reorderable);
        Assert.True(Session.PolicyDiagram.AddsPeers);

        await Session.ProposeMoveRuleAsync(Session.PolicyDiagram.Links[1], -1);
        await Session.ApplyPendingEditAsync();

        Assert.Equal([("1. DENY · any port", RuleAction.Deny), ("2. any port", RuleAction.Allow)], Session.PolicyDiagram!.Links.Select(l => (l.Label, l.Action)));
        Assert.Contains(Session.Changes, c => c.Source is WorkloadEndpoint { Workload.Namespace: "monitoring" });

        await Session.ProposeRemoveLinkAsync(Session.PolicyDiagram.Links[0]);
        await Session.ApplyPendingEditAsync();

        Assert.Equal(["let-monitoring"], ((AdminNetworkPolicy)Session.State!.Draft.FindPolicy(((IPolicyResource)guard).Key)!).Ingress.Select(r => r.Name));
        await Session.ExecuteAsync(new UndoEdit());
        await Session.ExecuteAsync(new UndoEdit());
        Assert.Equal(0, Session.ChangeCount);
    }

    [Fact]
    public async Task APeerDroppedOnTheSubject_OpensItsEditor_AndItsPreviewAddsItAsOneEdit()
    {
        await _explorer.OpenAsync(Shop);
        Session.OpenPolicyView("shop/allow-backends-to-db");

        Session.DropPeer(PeerKind.Namespace, TrafficDirection.Ingress);
        Assert.Equal((PeerKind.Namespace, TrafficDirection.Ingress, null), (Session.NewPeer!.Kind, Session.NewPeer.Direction, Session.NewPeer.Replaces));
        Session.WriteNewPeer(Session.NewPeer with { Namespace = "monitoring", Ports = "TCP 5432" });
        await Session.ProposeAddPeerAsync(Session.NewPeer!);
        await Session.ApplyPendingEditAsync();

        Assert.Null(Session.NewPeer);
        Assert.Equal(2, Session.State!.Draft.FindPolicy("shop", "allow-backends-to-db")!.Ingress.Count);
        await Session.ExecuteAsync(new UndoEdit());
        Assert.Single(Session.State!.Draft.FindPolicy("shop", "allow-backends-to-db")!.Ingress);
    }

    [Fact]
    public async Task APeerDroppedBesideTheSubject_IsTold_AndOpensNothing()
    {
        await _explorer.OpenAsync(Shop);
        Session.OpenPolicyView("shop/allow-backends-to-db");
        var notices = new List<ExplorerNotice>();
        Session.Noticed += notices.Add;

        Session.DropPeer(PeerKind.Namespace, null);

        Assert.Null(Session.NewPeer);
        Assert.Contains("on the subject", Assert.Single(notices).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditingALinksPeer_RewritesThatPeerAndItsPorts()
    {
        await _explorer.OpenAsync(Shop);
        Session.OpenPolicyView("shop/allow-backends-to-db");

        Session.EditPeer(Session.PolicyDiagram!.Links[0]);
        Assert.Equal(("tier=backend", "TCP 5432"), (Session.NewPeer!.Labels, Session.NewPeer.Ports));
        await Session.ProposeAddPeerAsync(Session.NewPeer with { Ports = "TCP 5432, TCP 6432" });

        Assert.StartsWith("Change peer 1 of ingress rule 1", Session.PendingEdit!.Description, StringComparison.Ordinal);
        await Session.ApplyPendingEditAsync();
        var rule = Assert.Single(Session.State!.Draft.FindPolicy("shop", "allow-backends-to-db")!.Ingress);
        Assert.Equal(2, rule.Ports.Count);
        Assert.Single(rule.Peers);
    }

    [Fact]
    public async Task APeerAddedToAnAdminPolicy_IsItsLastRule_WithTheActionChosen()
    {
        var shop = Engine.Selectors.LabelSelector.ForLabels((Namespace.NameLabel, "shop"));
        var guard = new AdminNetworkPolicy("guard", 10, AdminSubject.OfNamespaces(shop), ValueArray<AdminRule>.Empty, ValueArray<AdminRule>.Empty);
        await _explorer.OpenAsync(Shop.Apply(PolicyChange.Upsert(guard)));
        Session.OpenPolicyView("AdminNetworkPolicy guard");
        Assert.True(Session.PolicyDiagram!.AddsPeers);
        Assert.False(Session.PolicyDiagram.EditsPeers);

        Session.DropPeer(PeerKind.Namespace, TrafficDirection.Ingress);
        await Session.ProposeAddPeerAsync(Session.NewPeer! with { Namespace = "monitoring", Ports = "TCP 5432", Action = RuleAction.Allow });
        await Session.ApplyPendingEditAsync();

        var rule = Assert.Single(((AdminNetworkPolicy)Session.State!.Draft.FindPolicy(((IPolicyResource)guard).Key)!).Ingress);
        Assert.Equal(("added-1", AdminAction.Allow), (rule.Name, rule.Action));
        Assert.Equal("1. TCP 5432", Assert.Single(Session.PolicyDiagram!.Links).Label);
        Assert.Contains(Session.Changes, c => c.Source is WorkloadEndpoint { Workload.Namespace: "monitoring" });
    }

    [Fact]
    public async Task APeerAddedToAnAdminPolicy_GoesWhereTheUserPlacesIt()
    {
        static AdminRule Rule(string name, AdminAction action, string ns) =>
            new(name, action, ValueArray.Create(AdminPeer.OfNamespaces(Engine.Selectors.LabelSelector.ForLabels((Namespace.NameLabel, ns)))), ValueArray<AdminPort>.Empty);
        var guard = new AdminNetworkPolicy("guard", 10, AdminSubject.OfNamespaces(Engine.Selectors.LabelSelector.ForLabels((Namespace.NameLabel, "shop"))),
            ValueArray.Create(Rule("let-monitoring", AdminAction.Allow, "monitoring")), ValueArray<AdminRule>.Empty);
        await _explorer.OpenAsync(Shop.Apply(PolicyChange.Upsert(guard)));
        Session.OpenPolicyView("AdminNetworkPolicy guard");
        Assert.True(Session.PolicyDiagram!.PlacesRules);

        Session.DropPeer(PeerKind.Namespace, TrafficDirection.Ingress);
        await Session.ProposeAddPeerAsync(Session.NewPeer! with { Namespace = "monitoring", Action = RuleAction.Deny, Position = 0 });
        Assert.EndsWith("as ingress rule 1", Session.PendingEdit!.Description, StringComparison.Ordinal);
        await Session.ApplyPendingEditAsync();

        Assert.Equal(["added-2", "let-monitoring"], ((AdminNetworkPolicy)Session.State!.Draft.FindPolicy(((IPolicyResource)guard).Key)!).Ingress.Select(r => r.Name));
        Assert.Equal("1. DENY · any port", Session.PolicyDiagram!.LinksOf(TrafficDirection.Ingress).First().Label);
    }

    [Fact]
    public async Task NetworkSetLabelSuggestions_AreTheNetworkSetsLabels()
    {
        await _explorer.OpenAsync(SampleFiles.Load("calico").Result.Cluster);
        Session.OpenPolicyView("GlobalNetworkPolicy security.guardrails");
        Session.DropPeer(PeerKind.NetworkSet, TrafficDirection.Egress);

        Assert.Equal(["role=cloud-metadata", "role=payment-processor"], Session.LabelTerms(null, Session.NewPeer));
        Assert.Contains("app=checkout", Session.LabelTerms("app", Session.NewPeer! with { Kind = PeerKind.Pods }));
    }

    [Fact]
    public async Task AnAddressRangeAsAnAdminIngressPeer_IsTold_AndNothingIsPending()
    {
        var guard = new AdminNetworkPolicy("guard", 10, AdminSubject.OfNamespaces(Engine.Selectors.LabelSelector.Everything), ValueArray<AdminRule>.Empty, ValueArray<AdminRule>.Empty);

        var told = await RefusalAsync(Shop.Apply(PolicyChange.Upsert(guard)), "AdminNetworkPolicy guard", new PeerDraft(PeerKind.Cidr, TrafficDirection.Ingress) { Cidr = "10.0.0.0/8" });

        Assert.Contains("only as egress peers", told, StringComparison.Ordinal);
    }

    /// <summary>Proposes <paramref name="draft"/> for a policy of <paramref name="cluster"/>: nothing is pending, and the one notice told is returned.</summary>
    private async Task<string> RefusalAsync(Cluster cluster, string policyId, PeerDraft draft)
    {
        await _explorer.OpenAsync(cluster);
        Session.OpenPolicyView(policyId);
        var notices = new List<ExplorerNotice>();
        Session.Noticed += notices.Add;

        await Session.ProposeAddPeerAsync(draft);

        Assert.Null(Session.PendingEdit);
        return Assert.Single(notices).Message;
    }
}
