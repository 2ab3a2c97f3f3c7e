using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;

namespace PolicyEditor.Engine.Tests.Calico;

public class CalicoSelectorTests
{
    private static readonly LabelSet Web = LabelSet.Of(("app", "web"), ("tier", "front"), ("env", "prod"));

    [Theory]
    [InlineData("", true)]
    [InlineData("all()", true)]
    [InlineData("app == 'web'", true)]
    [InlineData("app == \"web\"", true)]
    [InlineData("app == 'db'", false)]
    [InlineData("app != 'db'", true)]
    [InlineData("missing != 'x'", true)]
    [InlineData("app in {'db', 'web'}", true)]
    [InlineData("app in {}", false)]
    [InlineData("app not in {'db', 'api'}", true)]
    [InlineData("missing not in {'x'}", true)]
    [InlineData("has(tier)", true)]
    [InlineData("!has(tier)", false)]
    [InlineData("has(missing)", false)]
    [InlineData("env contains 'ro'", true)]
    [InlineData("missing contains ''", false)]
    [InlineData("env starts with 'pr'", true)]
    [InlineData("env ends with 'od'", true)]
    [InlineData("env ends with 'pr'", false)]
    [InlineData("global()", false)]
    public void EveryOperator_MatchesAsDocumented(string selector, bool matches) =>
        Assert.Equal(matches, CalicoSelector.Parse(selector).Matches(Web));

    [Theory]
    [InlineData("app == 'db' || app == 'web' && tier == 'back'", false)] // && binds tighter: db || (web && back)
    [InlineData("(app == 'db' || app == 'web') && tier == 'front'", true)]
    [InlineData("!app == 'db'", true)]                                    // ! binds tightest: (!(app == 'db'))
    [InlineData("!(app == 'web' && tier == 'front')", false)]
    [InlineData("!!has(app)", true)]
    [InlineData("has(app) && !has(missing) && env in {'prod'}", true)]
    public void Precedence_IsNotThenAndThenOr(string selector, bool matches) =>
        Assert.Equal(matches, CalicoSelector.Parse(selector).Matches(Web));

    [Fact]
    public void Global_MatchesOnlyNonNamespacedResources()
    {
        var selector = CalicoSelector.Parse("global()");

        Assert.True(selector.Matches(LabelSet.Empty, global: true));
        Assert.False(selector.Matches(LabelSet.Empty, global: false));
    }

    [Fact]
    public void LabelKeys_MayHavePrefixesDotsAndDashes() =>
        Assert.True(CalicoSelector.Parse("projectcalico.org/name == 'shop' && my-key_1 == 'v'")
            .Matches(LabelSet.Of(("projectcalico.org/name", "shop"), ("my-key_1", "v"))));

    [Theory]
    [InlineData("app ==", 7, "a quoted value")]
    [InlineData("app = 'web'", 5, "an operator after label 'app'")]
    [InlineData("app == 'web", 8, "a closing '")]
    [InlineData("(app == 'web'", 14, "')'")]
    [InlineData("app == 'web' &&", 16, "a label name")]
    [InlineData("app == 'web' tier == 'x'", 14, "'&&', '||' or the end")]
    [InlineData("app in {'a' 'b'}", 13, "'}'")]
    [InlineData("app not {'a'}", 9, "'in'")]
    [InlineData("has()", 5, "a label name inside has()")]
    [InlineData("env starts 'p'", 12, "'with'")]
    public void ASelectorThatDoesNotParse_SaysWhatWasExpectedAndWhere(string text, int column, string expected)
    {
        Assert.False(CalicoSelector.TryParse(text, out _, out var error, out var at));

        Assert.Equal(column, at);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains($"column {column}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Selectors_AreComparedByTheirText()
    {
        Assert.Equal(CalicoSelector.Parse("a == 'b'"), CalicoSelector.Parse("a == 'b'"));
        Assert.NotEqual(CalicoSelector.Parse("a == 'b'"), CalicoSelector.Parse("a=='b'"));
    }
}
