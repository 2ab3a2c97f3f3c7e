using Bunit;
using PolicyEditor.Web.Components.Layout;

namespace PolicyEditor.Web.Tests.Components.Layout;

public sealed class ThemeToggleTests : MudTestContext
{
    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Click_AsksForTheOtherMode(bool current, bool expected)
    {
        bool? requested = null;
        var toggle = Render<ThemeToggle>(p => p
            .Add(t => t.IsDarkMode, current)
            .Add(t => t.IsDarkModeChanged, mode => requested = mode));

        toggle.Find("[data-testid=theme-toggle]").Click();

        Assert.Equal(expected, requested);
    }

    [Theory]
    [InlineData(false, "Switch to dark theme")]
    [InlineData(true, "Switch to light theme")]
    public void Label_NamesTheModeItSwitchesTo(bool current, string label)
    {
        var toggle = Render<ThemeToggle>(p => p.Add(t => t.IsDarkMode, current));

        Assert.Equal(label, toggle.Find("[data-testid=theme-toggle]").GetAttribute("aria-label"));
    }
}
