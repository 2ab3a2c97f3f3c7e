using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Lessons;
using PolicyEditor.Web.Components.Tutorials;
using PolicyEditor.Web.Tutorials;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Tutorials;

namespace PolicyEditor.Web.Tests.Components.Tutorials;

/// <summary>
/// The lesson's controls on the first shipped lesson, with the engine's real verdicts: the checklist's
/// colours and explanations, hints one at a time, and the solution and reset controls.
/// </summary>
public sealed class LessonPanelTests : MudTestContext
{
    private readonly TutorialService _tutorials;
    private readonly Lesson _lesson;

    public LessonPanelTests()
        : base(services: s => s.AddSingleton(CreateTutorials()))
    {
        _tutorials = Services.GetRequiredService<TutorialService>();
        _lesson = _tutorials.Catalog.Find("01-everything-is-open") ?? throw new InvalidOperationException("The first lesson is not shipped beside the tests.");
    }

    /// <summary>The tutorials over the lessons and samples copied beside the tests, with progress and workspaces in memory.</summary>
    private static TutorialService CreateTutorials()
    {
        var catalog = new LessonCatalog(Options.Create(new TutorialOptions()), NullLogger<LessonCatalog>.Instance);
        var workspaces = new WorkspaceService(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance);
        return new TutorialService(catalog, new InMemoryLessonProgressStore(), workspaces, TimeProvider.System);
    }

    private Cluster Start => _tutorials.Catalog.StepStart(_lesson, 0);

    private static ReachabilityMatrix Matrix(Cluster cluster) => ReachabilityMatrix.Build(new ClusterEvaluator(cluster));

    private IReadOnlyList<LessonCheckResult> Evaluate(Cluster cluster) => _tutorials.Evaluate(_lesson, 0, new ClusterEvaluator(cluster));

    private static LessonProgress Progress(int completed = 0) => new("local", "01-everything-is-open", Guid.NewGuid(), 0, completed, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Checklist_AtTheStart_ShowsTheBrokenCheckInRed_WithThePairAndTheEnginesExplanation()
    {
        var checklist = Render<LessonChecklist>(p => p.Add(x => x.Results, Evaluate(Start)));

        var checks = checklist.FindAll("[data-testid=lesson-check]");
        Assert.Equal(5, checks.Count);
        var red = Assert.Single(checks, c => c.GetAttribute("data-passed") == "false");
        Assert.Contains("* -> shop/db: denied", red.TextContent, StringComparison.Ordinal);
        Assert.Contains("=> shop/db[StatefulSet]: expected all traffic to be denied", red.QuerySelector("[data-testid=lesson-check-why]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("not isolated", red.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Checklist_AfterTheSolution_IsAllGreen()
    {
        var after = _tutorials.Catalog.Solution(_lesson, 0, Start).Aggregate(Start, (c, change) => c.Apply(change));

        var checklist = Render<LessonChecklist>(p => p.Add(x => x.Results, Evaluate(after)));

        Assert.All(checklist.FindAll("[data-testid=lesson-check]"), c => Assert.Equal("true", c.GetAttribute("data-passed")));
        Assert.Empty(checklist.FindAll("[data-testid=lesson-check-why]"));
    }

    [Fact]
    public void Hints_AreRevealedOneAtATime()
    {
        var hints = Render<LessonHints>(p => p.Add(x => x.Hints, _lesson.Steps[0].Hints));

        Assert.Empty(hints.FindAll("[data-testid=lesson-hint]"));
        Assert.Contains("Show a hint (2 left)", hints.Find("[data-testid=lesson-hint-more]").TextContent, StringComparison.Ordinal);
        hints.Find("[data-testid=lesson-hint-more]").Click();
        Assert.Single(hints.FindAll("[data-testid=lesson-hint]"));
        Assert.Contains("Show another hint (1 left)", hints.Find("[data-testid=lesson-hint-more]").TextContent, StringComparison.Ordinal);
        hints.Find("[data-testid=lesson-hint-more]").Click();
        Assert.Equal(2, hints.FindAll("[data-testid=lesson-hint]").Count);
        Assert.Empty(hints.FindAll("[data-testid=lesson-hint-more]"));
    }

    [Fact]
    public void NextStep_IsOfferedOnlyOnceTheStepIsDone()
    {
        var panel = Render<LessonPanel>(p => p.Add(x => x.Lesson, _lesson).Add(x => x.Progress, Progress()).Add(x => x.Results, Evaluate(Start)).Add(x => x.Current, Matrix(Start)));

        Assert.True(panel.Find("[data-testid=lesson-next]").HasAttribute("disabled"));
        Assert.Contains("Goal: 4 of 5 checks hold", panel.Find("[data-testid=lesson-goal-status]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid=lesson-step-complete]"));

        var after = _tutorials.Catalog.Solution(_lesson, 0, Start).Aggregate(Start, (c, change) => c.Apply(change));
        panel.Render(p => p.Add(x => x.Progress, Progress(completed: 1)).Add(x => x.Results, Evaluate(after)).Add(x => x.Current, Matrix(after)));

        Assert.False(panel.Find("[data-testid=lesson-next]").HasAttribute("disabled"));
        Assert.NotNull(panel.Find("[data-testid=lesson-step-complete]"));
        Assert.Equal("true", panel.FindAll("[data-testid=lesson-step]")[0].GetAttribute("data-done"));
    }

    [Fact]
    public async Task ShowSolution_ShowsItsYamlAndImpact_ThenAppliesItAsOneEdit()
    {
        var provider = Render<MudDialogProvider>();
        WorkspaceCommand? requested = null;
        var panel = Render<LessonPanel>(p => p.Add(x => x.Lesson, _lesson).Add(x => x.Progress, Progress()).Add(x => x.Results, Evaluate(Start))
            .Add(x => x.Current, Matrix(Start)).Add(x => x.EditRequested, (WorkspaceCommand c) => requested = c));

        // The click's handler waits for the dialog: it is left running while the test answers the dialog.
        var clicked = panel.Find("[data-testid=lesson-solution]").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("[data-testid=solution-dialog]")), TimeSpan.FromSeconds(10));
        Assert.Contains("shop/db-deny-ingress", provider.Find("[data-testid=solution-yaml]").TextContent, StringComparison.Ordinal);
        Assert.Equal(8, provider.FindAll("[data-testid=solution-impact-row]").Count);
        Assert.Null(requested);

        await provider.Find("[data-testid=solution-apply]").ClickAsync(new());
        await clicked;

        panel.WaitForAssertion(() => Assert.NotNull(requested));
        var edit = Assert.IsType<EditPolicies>(requested);
        Assert.Equal("shop/db-deny-ingress", Assert.Single(edit.Changes).Id);
    }

    [Fact]
    public async Task ResetStep_AsksFirst_ThenReturnsTheDraftToTheStepsStart()
    {
        var provider = Render<MudDialogProvider>();
        WorkspaceCommand? requested = null;
        var panel = Render<LessonPanel>(p => p.Add(x => x.Lesson, _lesson).Add(x => x.Progress, Progress()).Add(x => x.Results, Evaluate(Start))
            .Add(x => x.Current, Matrix(Start)).Add(x => x.EditRequested, (WorkspaceCommand c) => requested = c));

        var clicked = panel.Find("[data-testid=lesson-reset]").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Contains("Reset this step?", provider.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Null(requested);
        await provider.FindAll("button").First(b => b.TextContent.Contains("Reset step", StringComparison.Ordinal)).ClickAsync(new());
        await clicked;

        panel.WaitForAssertion(() => Assert.NotNull(requested));
        Assert.Equal(Start, Assert.IsType<ReplaceDraft>(requested).Cluster);
    }
}
