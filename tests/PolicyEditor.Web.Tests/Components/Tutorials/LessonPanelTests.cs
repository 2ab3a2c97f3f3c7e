using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Lessons;
using PolicyEditor.Web.Components.Tutorials;
using PolicyEditor.Web.Tutorials;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Tutorials;

namespace PolicyEditor.Web.Tests.Components.Tutorials;

/// <summary>
/// The lesson's controls on the first shipped lesson, with the engine's real verdicts: the checklist's
/// colours and explanations, hints one at a time, and the solution and reset controls of the lesson panel,
/// which shows the lesson an explorer session it is given works in.
/// </summary>
public sealed class LessonPanelTests : MudTestContext
{
    private const string FirstLesson = "01-everything-is-open";

    private readonly TestExplorer _explorer;
    private readonly TutorialService _tutorials;
    private readonly Lesson _lesson;

    public LessonPanelTests()
        : this(new TestExplorer())
    {
    }

    private LessonPanelTests(TestExplorer explorer)
        : base(services: s => s.AddSingleton(explorer.Tutorials).AddSingleton(explorer.Session))
    {
        _explorer = explorer;
        _tutorials = explorer.Tutorials;
        _lesson = _tutorials.Catalog.Find(FirstLesson) ?? throw new InvalidOperationException("The first lesson is not shipped beside the tests.");
    }

    private Cluster Start => _tutorials.Catalog.StepStart(_lesson, 0);

    private IReadOnlyList<LessonCheckResult> Evaluate(Cluster cluster) => _tutorials.Evaluate(_lesson, 0, new ClusterEvaluator(cluster));

    /// <summary>The lesson panel beside the lesson's workspace, just opened.</summary>
    private async Task<IRenderedComponent<LessonPanel>> OpenPanelAsync()
    {
        await _explorer.OpenLessonAsync(FirstLesson);
        return Render<LessonPanel>();
    }

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
    public async Task NextStep_IsOfferedOnlyOnceTheStepIsDone()
    {
        var panel = await OpenPanelAsync();

        Assert.True(panel.Find("[data-testid=lesson-next]").HasAttribute("disabled"));
        Assert.Contains("Goal: 4 of 5 checks hold", panel.Find("[data-testid=lesson-goal-status]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid=lesson-step-complete]"));

        // The learner's draft reaches the goal: the session checks the step again and records it as done.
        await _explorer.Session.ExecuteAsync(new EditPolicies(_tutorials.Catalog.Solution(_lesson, 0, Start), "the learner's fix"));

        panel.WaitForAssertion(() => Assert.False(panel.Find("[data-testid=lesson-next]").HasAttribute("disabled")));
        Assert.NotNull(panel.Find("[data-testid=lesson-step-complete]"));
        Assert.Equal("true", panel.FindAll("[data-testid=lesson-step]")[0].GetAttribute("data-done"));
    }

    [Fact]
    public async Task ShowSolution_ShowsItsYamlAndImpact_ThenAppliesItAsOneEdit()
    {
        var provider = Render<MudDialogProvider>();
        var panel = await OpenPanelAsync();
        var before = _explorer.Session.State!;

        // The click's handler waits for the dialog: it is left running while the test answers the dialog.
        var clicked = panel.Find("[data-testid=lesson-solution]").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("[data-testid=solution-dialog]")), TimeSpan.FromSeconds(10));
        Assert.Contains("shop/db-deny-ingress", provider.Find("[data-testid=solution-yaml]").TextContent, StringComparison.Ordinal);
        Assert.Equal(8, provider.FindAll("[data-testid=solution-impact-row]").Count);
        Assert.Same(before, _explorer.Session.State);

        await provider.Find("[data-testid=solution-apply]").ClickAsync(new());
        await clicked;

        // One edit of the workspace, shown by the session: the solution's one policy.
        var edit = Assert.Single(_explorer.Session.State!.Edits);
        Assert.Equal("Solution of step 1 of \"Everything is open until a policy selects a pod\"", edit.Description);
        Assert.Equal("shop/db-deny-ingress", Assert.Single(edit.Changes).Id);
    }

    [Fact]
    public async Task ResetStep_AsksFirst_ThenReturnsTheDraftToTheStepsStart()
    {
        var provider = Render<MudDialogProvider>();
        var panel = await OpenPanelAsync();

        var clicked = panel.Find("[data-testid=lesson-reset]").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Contains("Reset this step?", provider.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Empty(_explorer.Session.State!.Edits);
        await provider.FindAll("button").First(b => b.TextContent.Contains("Reset step", StringComparison.Ordinal)).ClickAsync(new());
        await clicked;

        // One edit of the workspace, shown by the session: the whole draft replaced by the step's start.
        var edit = Assert.Single(_explorer.Session.State!.Edits);
        Assert.Equal("Reset step 1 of \"Everything is open until a policy selects a pod\"", edit.Description);
        Assert.Equal(Start, edit.ReplacedWith);
    }
}
