using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.ExplorerModel;

namespace PolicyEditor.Web.Tests.ExplorerModel;

/// <summary>"Show on the graph" after a question: the port asked is the one explained, and a denied pair is still shown.</summary>
public sealed class ShowPairTests
{
    private static readonly Cluster Shop = SampleFiles.LoadShop().Result.Cluster;

    private readonly TestExplorer _explorer = new();

    private ExplorerSession Session => _explorer.Session;

    private static Endpoint W(string id) => Endpoint.Of(Shop.FindWorkload(id)!);

    [Fact]
    public async Task AnAskedPair_KeepsTheAskedPort()
    {
        await _explorer.OpenAsync(Shop);
        var pair = new EndpointPair(W("shop/checkout[Deployment]"), W("payments/payments-api[Deployment]"));

        await Session.ShowPairAsync(pair, (Protocol.TCP, 8443));

        Assert.Equal(pair, Session.Selection.Pair);
        Assert.Equal((Protocol.TCP, 8443), Session.Selection.Asked);
    }

    [Fact]
    public async Task ADeniedPair_MarksItsTwoNodes_OnTheGraph()
    {
        await _explorer.OpenAsync(Shop);
        var view = new RecordingView();
        Session.View = view;

        await Session.ShowPairAsync(new EndpointPair(W("shop/frontend[Deployment]"), W("payments/payments-api[Deployment]")), (Protocol.TCP, 8443));

        Assert.Equal(["w:shop/frontend[Deployment]", "w:payments/payments-api[Deployment]"], view.Highlighted);
    }

    /// <summary>A graph that remembers what it was asked to mark.</summary>
    private sealed class RecordingView : IGraphView
    {
        public IReadOnlyCollection<string> Highlighted { get; private set; } = [];

        public Task FocusAsync(string? nodeId, EdgeDirection direction = EdgeDirection.Both) => Task.CompletedTask;

        public Task SelectAsync(string elementId) => Task.CompletedTask;

        public Task HighlightAsync(IReadOnlyCollection<string> nodeIds)
        {
            Highlighted = nodeIds;
            return Task.CompletedTask;
        }

        public Task ShowAllEdgesAsync(bool show) => Task.CompletedTask;

        public Task RelayoutAsync() => Task.CompletedTask;
    }
}
