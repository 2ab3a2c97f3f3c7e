using PolicyEditor.Engine.Dialects.Calico;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;

namespace PolicyEditor.Engine.Tests.Calico;

public class CalicoIndexHintTests
{
    private static readonly LabelSet[] Endpoints =
    [
        LabelSet.Empty,
        LabelSet.Of(("app", "web")),
        LabelSet.Of(("app", "db"), ("tier", "back")),
        LabelSet.Of(("app", "api"), ("tier", "front"), ("env", "prod")),
        LabelSet.Of(("tier", "front"), ("env", "dev")),
    ];

    [Theory]
    [InlineData("all()")]
    [InlineData("app == 'web'")]
    [InlineData("app != 'web'")]
    [InlineData("app in {'web', 'db'}")]
    [InlineData("app not in {'web', 'db'}")]
    [InlineData("has(tier)")]
    [InlineData("!has(tier)")]
    [InlineData("!(app == 'web')")]
    [InlineData("!(app != 'web')")]
    [InlineData("!(env in {'prod'})")]
    [InlineData("!(env not in {'prod'})")]
    [InlineData("has(tier) && app != 'db' && env not in {'dev'}")]
    public void ASelectorOnKubernetesLabels_IsSaidExactlyByALabelSelector(string text)
    {
        var selector = CalicoSelector.Parse(text);

        var exact = CalicoIndexHint.Exactly(selector);

        Assert.NotNull(exact);
        Assert.All(Endpoints, labels => Assert.Equal(selector.Matches(labels), exact.Matches(labels)));
    }

    [Theory]
    [InlineData("app == 'web' || has(tier)")]
    [InlineData("env contains 'ro'")]
    [InlineData("env starts with 'p'")]
    [InlineData("!(has(tier) && has(env))")]
    [InlineData("global()")]
    [InlineData("projectcalico.org/namespace == 'ns1'")]
    [InlineData("has(tier) && projectcalico.org/orchestrator == 'k8s'")]
    public void ASelectorNoLabelSelectorSays_HasNoExactForm(string text) =>
        Assert.Null(CalicoIndexHint.Exactly(CalicoSelector.Parse(text)));

    [Theory]
    [InlineData("app == 'web'")]
    [InlineData("app != 'web'")]
    [InlineData("app in {'web', 'db'}")]
    [InlineData("app not in {'web', 'db'}")]
    [InlineData("has(tier)")]
    [InlineData("!has(tier)")]
    public void ASelectorOfOneRequirement_HasAnExactNegation(string text)
    {
        var selector = CalicoSelector.Parse(text);

        var negation = CalicoIndexHint.Negation(CalicoIndexHint.Exactly(selector));

        Assert.NotNull(negation);
        Assert.All(Endpoints, labels => Assert.Equal(!selector.Matches(labels), negation.Matches(labels)));
    }

    [Theory]
    [InlineData("all()")]
    [InlineData("has(tier) && app != 'db'")]
    public void ASelectorOfNoneOrSeveralRequirements_HasNoExactNegation(string text) =>
        Assert.Null(CalicoIndexHint.Negation(CalicoIndexHint.Exactly(CalicoSelector.Parse(text))));
}
