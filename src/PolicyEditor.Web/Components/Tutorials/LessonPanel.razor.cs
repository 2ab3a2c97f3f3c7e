using Microsoft.AspNetCore.Components;
using MudBlazor;
using PolicyEditor.Manifests.Lessons;
using PolicyEditor.Tutorials;
using PolicyEditor.Web.Tutorials;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Components.Tutorials;

/// <summary>The lesson beside a workspace's graph, as the explorer's session holds it; see LessonPanel.razor.</summary>
public sealed partial class LessonPanel
{
    [Inject]
    private TutorialService Tutorials { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    /// <summary>The lesson.</summary>
    private Lesson Lesson => Session.Lesson!;

    /// <summary>The learner's progress in it.</summary>
    private LessonProgress Progress => Session.LessonProgress!;

    /// <summary>The step's checks, evaluated on the learner's draft.</summary>
    private IReadOnlyList<LessonCheckResult> Results => Session.LessonResults;

    private LessonStep Step => Lesson.Steps[Math.Clamp(Progress.Step, 0, Lesson.Steps.Count - 1)];

    private bool Complete => Results.Count > 0 && Results.All(r => r.Passed);

    private string StepClass(int index) =>
        "pe-lesson-step" + (index == Progress.Step ? " current" : string.Empty) + (Progress.IsDone(index) ? " done" : string.Empty);

    private async Task GoTo(int index)
    {
        if (index != Progress.Step && index <= Progress.Completed && index < Lesson.Steps.Count)
        {
            await Session.LessonProgressedAsync(await Tutorials.GoToAsync(Progress, index));
        }
    }

    private async Task ShowSolution()
    {
        var (lesson, step, draft) = (Lesson, Progress.Step, Session.State!.Draft);
        var changes = Tutorials.Catalog.Solution(lesson, step, draft);
        var impact = await Session.ImpactOfAsync(changes);
        if (await SolutionDialog.ShowAsync(Dialogs, step + 1, draft, changes, impact))
        {
            await Session.ExecuteAsync(new EditPolicies(changes, $"Solution of step {step + 1} of \"{lesson.Title}\""));
        }
    }

    private async Task Reset()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Reset this step?",
            "Your draft goes back to how this step starts. Undo brings your changes back.", yesText: "Reset step", cancelText: "Cancel");
        if (confirmed == true)
        {
            await Session.ExecuteAsync(new ReplaceDraft(Tutorials.Catalog.StepStart(Lesson, Progress.Step), $"Reset step {Progress.Step + 1} of \"{Lesson.Title}\""));
        }
    }
}
