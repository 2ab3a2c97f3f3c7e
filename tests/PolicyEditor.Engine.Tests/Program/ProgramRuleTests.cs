using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Tests.Program;

public class ProgramRuleTests
{
    [Fact]
    public void ARuleWhoseTextIsWrittenLater_EqualsTheSameRuleWithItsText()
    {
        var written = 0;
        var given = new ProgramRule(RuleAction.Allow, [], ProgramPorts.Any, 1, "egress[0]", "Allow to every peer on any port");
        var later = new ProgramRule(RuleAction.Allow, [], ProgramPorts.Any, 1, "egress[0]", () =>
        {
            written++;
            return "Allow to every peer on any port";
        });

        Assert.Equal(0, written);
        Assert.Equal(given, later);
        Assert.Equal(given.GetHashCode(), later.GetHashCode());
        Assert.Equal("Allow to every peer on any port", later.ToString());
        Assert.Equal(1, written);
    }

    [Fact]
    public void ACopyWithOtherPeers_KeepsTheTextToWrite()
    {
        var rule = new ProgramRule(RuleAction.Deny, [], ProgramPorts.Any, 2, null, () => "Deny to every peer on any port");

        var copy = rule with { Peers = new[] { ProgramPeer.Nothing("nothing") } };

        Assert.Equal("Deny to every peer on any port", copy.Text);
        Assert.NotEqual(rule, copy);
    }
}
