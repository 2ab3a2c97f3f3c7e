using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;
using PolicyEditor.Engine.Synthesis;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.ExplorerModel;

/// <summary>The allow/deny dialog's proposals on a Calico workspace: Calico policy first, NetworkPolicy options after.</summary>
public sealed class CalicoProposalTests
{
    private static readonly Cluster CalicoSample = ManifestLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "samples", "calico")).Cluster;

    [Fact]
    public async Task Deny_OnACalicoWorkspace_ProposesOneCalicoDenyRuleFirst_AndApplyingItBlocksThePair()
    {
        var explorer = new TestExplorer();
        await explorer.OpenAsync(CalicoSample);
        var answers = explorer.Session.Answers;
        var (frontend, cart) = (Endpoint.Of(CalicoSample.FindWorkload("shop/frontend")!), Endpoint.Of(CalicoSample.FindWorkload("shop/cart")!));

        var proposal = await answers.ProposeAsync(true, SynthesisPeer.Of(frontend), SynthesisPeer.Of(cart), ConnectionSet.Of(Protocol.TCP, 8080));

        var first = proposal.Options[0];
        Assert.True(first.IsExact);
        var policy = Assert.IsType<CalicoPolicy>(Assert.Single(first.Changes).After);
        Assert.Equal(RuleAction.Deny, Assert.Single(policy.Ingress).Action);
        Assert.Contains("ingress", first.Title, StringComparison.Ordinal);

        Assert.True(await explorer.Session.ExecuteAsync(new EditPolicies(first.Changes, proposal.Intent)));
        Assert.False(explorer.Session.Analysis!.Draft.Evaluator.Evaluate(frontend, cart).Contains(Protocol.TCP, 8080));
    }

    [Fact]
    public async Task Deny_OnANetworkPolicyWorkspace_ProposesNetworkPoliciesOnly()
    {
        var explorer = new TestExplorer();
        var shop = SampleFiles.LoadShop().Result.Cluster;
        await explorer.OpenAsync(shop);
        var (frontend, catalog) = (Endpoint.Of(shop.FindWorkload("shop/frontend")!), Endpoint.Of(shop.FindWorkload("shop/catalog")!));

        var proposal = await explorer.Session.Answers.ProposeAsync(true, SynthesisPeer.Of(frontend), SynthesisPeer.Of(catalog), ConnectionSet.Of(Protocol.TCP, 8080));

        Assert.NotEmpty(proposal.Options);
        Assert.All(proposal.Options, o => Assert.All(o.Changes, c => Assert.True(c.After is null or NetworkPolicy)));
    }
}
