using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Access;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.ExplorerModel;

/// <summary>
/// The explorer's session: every change of the workspace, the user's own or anyone else's, comes in by
/// the same path and is shown once; refusals are told; the impact's rows lead to their pair.
/// </summary>
public sealed class ExplorerSessionTests
{
    private static readonly Cluster Shop = SampleFiles.LoadShop().Result.Cluster;
    private static readonly Actor Bob = new("bob", "Bob");

    private readonly TestExplorer _explorer = new();

    private ExplorerSession Session => _explorer.Session;

    private static PolicyChange DeleteCheckoutToPayments => PolicyChange.Delete(Shop.FindPolicy("payments", "allow-checkout-to-payments-api")!);

    [Fact]
    public async Task OwnEdit_IsShownOnce_WhenTheWorkspaceTellsOfIt()
    {
        var opened = await _explorer.OpenAsync(Shop);
        var shown = new List<long>();
        var notices = new List<ExplorerNotice>();
        Session.Changed += () => shown.Add(Session.State!.Revision);
        Session.Noticed += notices.Add;

        var applied = await Session.ExecuteAsync(new EditPolicies([DeleteCheckoutToPayments], "close payments"));

        Assert.True(applied);
        Assert.Equal(opened.Revision + 1, Session.State!.Revision);
        Assert.Same(await _explorer.Workspaces.GetAsync(opened.Id), Session.State);
        Assert.Single(Session.Changes);
        Assert.Equal([opened.Revision + 1], shown);
        Assert.Empty(notices);
    }

    [Fact]
    public async Task SomeoneElsesEdit_IsShown_AndTold()
    {
        var opened = await _explorer.OpenAsync(Shop);
        var notices = new List<ExplorerNotice>();
        var heard = new TaskCompletionSource();
        Session.Noticed += notices.Add;
        Session.Changed += () => heard.TrySetResult();

        await _explorer.Workspaces.ExecuteAsync(opened.Id, new EditPolicies([DeleteCheckoutToPayments], "close payments"), Bob);
        await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(opened.Revision + 1, Session.State!.Revision);
        Assert.Single(Session.Changes);
        var notice = Assert.Single(notices);
        Assert.Equal("Bob: close payments", notice.Message);
    }

    [Fact]
    public async Task RefusedCommand_IsTold_AndNothingChanges()
    {
        var opened = await _explorer.OpenAsync(Shop);
        var notices = new List<ExplorerNotice>();
        Session.Noticed += notices.Add;

        var applied = await Session.ExecuteAsync(new UndoEdit());

        Assert.False(applied);
        Assert.Same(opened, Session.State);
        Assert.Equal("There is nothing to undo.", Assert.Single(notices).Message);
        Assert.Equal(NoticeLevel.Warning, notices[0].Level);
    }

    [Fact]
    public async Task ARowOfTheImpact_SelectsItsPairAsTheDraftHasIt()
    {
        await _explorer.OpenAsync(Shop);
        await Session.ExecuteAsync(new EditPolicies([DeleteCheckoutToPayments], "close payments"));

        await Session.ShowChangeAsync(Assert.Single(Session.Changes));

        var pair = Session.Selection.Pair!;
        Assert.Same(Session.Answers.Workload("shop/checkout[Deployment]"), ((WorkloadEndpoint)pair.Source).Workload);
        Assert.Equal("payments/payments-api[Deployment]", pair.Destination.Id);
        Assert.Equal(ExplorerTab.Inspect, Session.Tab);
    }

    [Fact]
    public async Task ARowOfTheImpactWithAnOutsideRange_IsExplainedByTheRangesFirstAddress()
    {
        await _explorer.OpenAsync(Shop);
        // Without its egress policy, payments-api may reach every address outside the cluster again.
        await Session.ExecuteAsync(new EditPolicies([.. Shop.NetworkPolicies.Where(p => p.Namespace == "payments").Select(PolicyChange.Delete)], "open payments"));
        var change = Session.Changes.First(c => c.Source.Id == "payments/payments-api[Deployment]" && c.Destination is ExternalEndpoint e && e.Range.First != e.Range.Last);

        await Session.ShowChangeAsync(change);

        var range = ((ExternalEndpoint)change.Destination).Range;
        var explained = Assert.IsType<ExternalEndpoint>(Session.Selection.Pair!.Destination);
        Assert.Equal((range.First, range.First), (explained.Range.First, explained.Range.Last));
    }

    [Fact]
    public async Task LeavingThePage_StopsFollowingTheWorkspace()
    {
        var opened = await _explorer.OpenAsync(Shop);
        var host = new object();
        await Session.OpenAsync(host, opened.Id);
        var changes = 0;
        Session.Changed += () => changes++;

        Session.Leave(host);
        await _explorer.Workspaces.ExecuteAsync(opened.Id, new EditPolicies([DeleteCheckoutToPayments], "close payments"), Bob);
        await Task.Delay(100);

        Assert.Null(Session.State);
        Assert.Equal(0, changes);
    }
}
