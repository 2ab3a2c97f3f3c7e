using Microsoft.AspNetCore.Components;
using MudBlazor;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Lessons;
using PolicyEditor.Web.Tutorials;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Tutorials;

namespace PolicyEditor.Web.Components.Tutorials;

/// <summary>The lesson beside a workspace's graph; see LessonPanel.razor.</summary>
public sealed partial class LessonPanel
{
    [Inject]
    private TutorialService Tutorials { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    /// <summary>The lesson.</summary>
    [Parameter, EditorRequired]
    public Lesson Lesson { get; set; } = default!;

    /// <summary>The learner's progress in it.</summary>
    [Parameter, EditorRequired]
    public LessonProgress Progress { get; set; } = default!;

    /// <summary>The step's checks, evaluated on the learner's draft.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<LessonCheckResult> Results { get; set; } = [];

    /// <summary>The learner's draft now (the solution is shown against it).</summary>
    [Parameter, EditorRequired]
    public ReachabilityMatrix Current { get; set; } = default!;

    /// <summary>Applies a change to the workspace (the page's command path, so undo and every view follow).</summary>
    [Parameter]
    public EventCallback<WorkspaceCommand> EditRequested { get; set; }

    /// <summary>Raised when the progress changed (a step done, another step shown).</summary>
    [Parameter]
    public EventCallback<LessonProgress> ProgressChanged { get; set; }

    /// <summary>Raised with a policy's id clicked in a check's explanation.</summary>
    [Parameter]
    public EventCallback<string> PolicyClicked { get; set; }

    private LessonStep Step => Lesson.Steps[Math.Clamp(Progress.Step, 0, Lesson.Steps.Count - 1)];

    private bool Complete => Results.Count > 0 && Results.All(r => r.Passed);

    private string StepClass(int index) =>
        "pe-lesson-step" + (index == Progress.Step ? " current" : string.Empty) + (Progress.IsDone(index) ? " done" : string.Empty);

    private async Task GoTo(int index)
    {
        if (index != Progress.Step && index <= Progress.Completed && index < Lesson.Steps.Count)
        {
            await ProgressChanged.InvokeAsync(await Tutorials.GoToAsync(Progress, index));
        }
    }

    private async Task ShowSolution()
    {
        var changes = Tutorials.Catalog.Solution(Lesson, Progress.Step, Current.Evaluator.Cluster);
        if (await SolutionDialog.ShowAsync(Dialogs, Progress.Step + 1, Current, changes))
        {
            await EditRequested.InvokeAsync(new EditPolicies(changes, $"Solution of step {Progress.Step + 1} of \"{Lesson.Title}\""));
        }
    }

    private async Task Reset()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Reset this step?",
            "Your draft goes back to how this step starts. Undo brings your changes back.", yesText: "Reset step", cancelText: "Cancel");
        if (confirmed == true)
        {
            await EditRequested.InvokeAsync(new ReplaceDraft(Tutorials.Catalog.StepStart(Lesson, Progress.Step), $"Reset step {Progress.Step + 1} of \"{Lesson.Title}\""));
        }
    }
}
