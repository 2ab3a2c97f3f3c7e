using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Synthesis;
using PolicyEditor.Web.ExplorerModel;

namespace PolicyEditor.Web.Tests.ExplorerModel;

/// <summary>What the allow/deny dialog starts from when a person draws an edge or names a peer: what they meant, not a stand-in.</summary>
public sealed class IntentDefaultsTests
{
    private static readonly Cluster Shop = SampleFiles.LoadShop().Result.Cluster;

    private readonly TestExplorer _explorer = new();

    private ExplorerSession Session => _explorer.Session;

    [Fact]
    public async Task AnEdgeDrawnToTheInternet_StandsForEveryAddress_AndReadsBackAsThatCidr()
    {
        await _explorer.OpenAsync(Shop);

        var (source, destination) = Session.DrawnIntent(GraphIds.Workload("payments/payments-api[Deployment]"), GraphIds.Internet);

        Assert.Equal("payments/payments-api[Deployment]", source!.Id);
        var range = Assert.IsType<ExternalEndpoint>(destination!.Endpoint).Range;
        Assert.Equal(AddressRange.AllV4, range);
        var typed = Session.Answers.TextOf(destination);
        Assert.Equal("0.0.0.0/0", typed);
        Assert.Equal(destination, Session.Answers.ParsePeer(typed, out _));
    }

    [Fact]
    public async Task AllowingTrafficToAWorkload_ProposesItsServicePorts_NotItsMetricsPort()
    {
        await _explorer.OpenAsync(Shop);
        var frontend = SynthesisPeer.Of(Endpoint.Of(Shop.FindWorkload("shop/frontend[Deployment]")!));

        var proposed = Session.Answers.DefaultConnections(SynthesisPeer.OfNamespace("monitoring"), frontend, revoke: false);

        Assert.Equal(ConnectionSet.Of(Protocol.TCP, 8080), proposed);
    }

    [Theory]
    [InlineData("monitoring")]
    [InlineData("monitoring/*")]
    [InlineData("namespace monitoring")]
    public async Task ANamespaceTypedAsAPeer_IsTakenAsTheWholeNamespace(string typed)
    {
        await _explorer.OpenAsync(Shop);

        var peer = Session.Answers.ParsePeer(typed, out var error);

        Assert.Null(error);
        Assert.Equal("monitoring", peer!.Namespace);
    }

    [Fact]
    public async Task ACidrTypedAsAPeer_IsTheWholeRange()
    {
        await _explorer.OpenAsync(Shop);

        var peer = Session.Answers.ParsePeer("10.0.0.0/8", out var error);

        Assert.Null(error);
        Assert.Equal(Cidr.Parse("10.0.0.0/8").Range, Assert.IsType<ExternalEndpoint>(peer!.Endpoint).Range);
    }
}
