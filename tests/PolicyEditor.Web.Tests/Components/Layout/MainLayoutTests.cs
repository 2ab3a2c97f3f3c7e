using Microsoft.Extensions.DependencyInjection;
using PolicyEditor.Web.Reviews;
using Bunit;
using Microsoft.AspNetCore.Components;
using PolicyEditor.Web.Components.Layout;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Tests.Components.Layout;

public sealed class MainLayoutTests() : MudTestContext(addPopoverProvider: false, services: s => s.AddSingleton<ISingleUserMode>(new FixedSingleUserMode(true)))
{
    [Fact]
    public void InSingleUserMode_TheBarOffersToCreateTheFirstAccount()
    {
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        Assert.Equal("/account/register", layout.Find("[data-testid=account-create]").GetAttribute("href"));
    }

    [Fact]
    public void ThemeToggle_FlipsTheShellBetweenLightAndDark()
    {
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));
        Assert.Equal("light", layout.Find("[data-theme]").GetAttribute("data-theme"));

        layout.Find("[data-testid=theme-toggle]").Click();
        Assert.Equal("dark", layout.Find("[data-theme]").GetAttribute("data-theme"));

        layout.Find("[data-testid=theme-toggle]").Click();
        Assert.Equal("light", layout.Find("[data-theme]").GetAttribute("data-theme"));
    }

    [Fact]
    public void Shell_ShowsTheProductNameAndEveryNavigationEntry()
    {
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        Assert.Contains("PolicyEditor", layout.Find(".mud-appbar").TextContent, StringComparison.Ordinal);
        var entries = layout.FindAll(".mud-nav-link").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Workspace", "Tutorials", "Review sessions", "About"], entries);
    }
}
