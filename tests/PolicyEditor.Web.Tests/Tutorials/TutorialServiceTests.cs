using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Tutorials;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Tests.Tutorials;

/// <summary>With accounts, each learner works a lesson in a workspace of their own, with progress of their own.</summary>
public class TutorialServiceTests
{
    private static readonly Actor Ada = new("ada", "Ada");
    private static readonly Actor Bob = new("bob", "Bob");

    private static (TutorialService Tutorials, WorkspaceService Workspaces) NewTutorials()
    {
        var catalog = new LessonCatalog(Options.Create(new TutorialOptions()), NullLogger<LessonCatalog>.Instance);
        var access = new WorkspaceAccess(new InMemoryMembershipStore(), new FixedSingleUserMode(false));
        var workspaces = new WorkspaceService(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance, access);
        return (new TutorialService(catalog, new InMemoryLessonProgressStore(), workspaces, TimeProvider.System), workspaces);
    }

    [Fact]
    public async Task TwoLearners_GetAWorkspaceAndProgressEach()
    {
        var (tutorials, workspaces) = NewTutorials();
        var lesson = tutorials.Catalog.All[0];

        var adas = await tutorials.OpenAsync(lesson, Ada);
        adas = await tutorials.CompleteAsync(adas, 0);
        var bobs = await tutorials.OpenAsync(lesson, Bob);

        Assert.NotEqual(adas.WorkspaceId, bobs.WorkspaceId);
        Assert.Equal(WorkspaceRole.Owner, await workspaces.RoleAsync(bobs.WorkspaceId, Bob));
        Assert.Equal(WorkspaceRole.None, await workspaces.RoleAsync(adas.WorkspaceId, Bob));
        Assert.Equal(0, bobs.Completed);
        Assert.Equal(1, (await tutorials.ProgressAsync(Ada, lesson.Id))?.Completed);
        Assert.Equal(adas.WorkspaceId, (await tutorials.OpenAsync(lesson, Ada)).WorkspaceId);
    }

    [Fact]
    public async Task StartingOver_IsOneLearnersAffair()
    {
        var (tutorials, workspaces) = NewTutorials();
        var lesson = tutorials.Catalog.All[0];
        var adas = await tutorials.OpenAsync(lesson, Ada);
        var bobs = await tutorials.OpenAsync(lesson, Bob);

        var again = await tutorials.RestartAsync(lesson, Bob);

        Assert.NotEqual(bobs.WorkspaceId, again.WorkspaceId);
        Assert.Null(await workspaces.GetAsync(bobs.WorkspaceId));
        Assert.NotNull(await workspaces.GetAsync(adas.WorkspaceId));
        Assert.Equal(adas, await tutorials.ProgressAsync(Ada, lesson.Id));
        Assert.Equal([lesson.Id], (await tutorials.ProgressAsync(Bob)).Keys);
    }
}
