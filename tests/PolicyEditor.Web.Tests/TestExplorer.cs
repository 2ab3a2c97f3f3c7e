using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Access;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Import;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Tutorials;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests;

/// <summary>
/// An explorer session as the app wires it, over workspaces, reviews and lesson progress kept in memory
/// and the lessons and samples copied beside the tests: what component tests give their components.
/// </summary>
internal sealed class TestExplorer
{
    /// <summary>The page the session is opened for (the tests stand in for it).</summary>
    private readonly object _host = new();

    /// <param name="withTraffic">Whether the session keeps observed traffic (the Traffic tab's service).</param>
    public TestExplorer(bool withTraffic = false)
    {
        var time = TimeProvider.System;
        Workspaces = new WorkspaceService(new InMemoryWorkspaceStore(), time, NullLogger<WorkspaceService>.Instance);
        var analyzer = new WorkspaceAnalyzer();
        var catalog = new LessonCatalog(Options.Create(new TutorialOptions()), NullLogger<LessonCatalog>.Instance);
        Tutorials = new TutorialService(catalog, new InMemoryLessonProgressStore(), Workspaces, time);
        var access = new WorkspaceAccess(new InMemoryMembershipStore(), new FixedSingleUserMode(true));
        var reviews = new ReviewService(new InMemoryReviewStore(), Workspaces, access, time, null, analyzer);
        var directory = new WorkspaceDirectory(Workspaces, new SampleClusterProvider(Options.Create(new WorkspaceOptions()), NullLogger<SampleClusterProvider>.Instance));
        Session = new ExplorerSession(Workspaces, analyzer, directory, new GraphModelBuilder(), new InMemoryGraphLayoutStore(), new LocalActor(),
            Tutorials, reviews, new ImportService(Workspaces, analyzer, Options.Create(new ImportOptions())), NullLogger<ExplorerSession>.Instance,
            withTraffic ? new PolicyEditor.Web.Traffic.ObservedTrafficService(new PolicyEditor.Web.Traffic.InMemoryObservedTrafficStore(), time) : null);
    }

    /// <summary>The workspaces behind the session.</summary>
    public WorkspaceService Workspaces { get; }

    /// <summary>The lessons and the learners' progress.</summary>
    public TutorialService Tutorials { get; }

    /// <summary>The session the components are given.</summary>
    public ExplorerSession Session { get; }

    /// <summary>Gives the session to the components a test renders.</summary>
    public void AddTo(IServiceCollection services) => services.AddSingleton(Session);

    /// <summary>Makes a workspace of <paramref name="cluster"/> and shows it.</summary>
    public async Task<WorkspaceState> OpenAsync(Cluster cluster)
    {
        var state = await Workspaces.CreateAsync("test", cluster, Actor.Local, "created by the test");
        await Session.OpenAsync(_host, state.Id);
        return state;
    }

    /// <summary>Opens a lesson's workspace with the lesson beside it, as the tutorial page does.</summary>
    public async Task OpenLessonAsync(string lessonId)
    {
        var lesson = Tutorials.Catalog.Find(lessonId) ?? throw new InvalidOperationException($"The lesson {lessonId} is not shipped beside the tests.");
        var progress = await Tutorials.OpenAsync(lesson, Actor.Local);
        await Session.OpenAsync(_host, progress.WorkspaceId, lessonId);
    }
}
