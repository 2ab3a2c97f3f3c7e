using Microsoft.Extensions.Logging.Abstractions;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Tests.Workspace;

/// <summary>Who may list, copy, delete and edit a workspace, checked by the service (the server), not only hidden in the UI.</summary>
public sealed class WorkspaceAccessTests
{
    private static readonly Actor Owner = new("owner", "Olga");
    private static readonly Actor Editor = new("editor", "Eve");
    private static readonly Actor Viewer = new("viewer", "Vic");
    private static readonly Actor Stranger = new("stranger", "Sam");
    private static readonly Actor Admin = new("admin", "Ada") { IsAdministrator = true };

    private static async Task<(WorkspaceService Service, Guid Id)> NewAsync()
    {
        var access = new WorkspaceAccess(new InMemoryMembershipStore(), new FixedSingleUserMode(false));
        var service = new WorkspaceService(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance, access);
        var ws = await service.CreateAsync("shop", Cluster.Empty, Owner, "new");
        await access.GrantAsync(ws.Id, Editor.Id, WorkspaceRole.Editor);
        await access.GrantAsync(ws.Id, Viewer.Id, WorkspaceRole.Viewer);
        return (service, ws.Id);
    }

    [Fact]
    public async Task OnlyMembers_SeeAWorkspace_AndTheAdministratorSeesEveryOne()
    {
        var (service, id) = await NewAsync();

        Assert.Single(await service.ListAsync(Viewer));
        Assert.Empty(await service.ListAsync(Stranger));
        Assert.Single(await service.ListAsync(Admin));
        Assert.Equal(WorkspaceRole.Owner, await service.RoleAsync(id, Admin));
    }

    [Fact]
    public async Task OnlyTheOwner_DeletesIt()
    {
        var (service, id) = await NewAsync();

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => service.DeleteAsync(id, Editor));
        Assert.Contains("owner", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.DeleteAsync(id, Stranger));
        Assert.NotNull(await service.GetAsync(id));

        await service.DeleteAsync(id, Owner);
        Assert.Null(await service.GetAsync(id));
    }

    [Fact]
    public async Task AViewerMayCopyIt_AndOwnsTheCopy_AStrangerMayNot()
    {
        var (service, id) = await NewAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.DuplicateAsync(id, "mine", Stranger));
        var copy = await service.DuplicateAsync(id, "mine", Viewer);

        Assert.Equal(WorkspaceRole.Owner, await service.RoleAsync(copy!.Id, Viewer));
        Assert.Equal(WorkspaceRole.None, await service.RoleAsync(copy.Id, Owner));
    }

    [Fact]
    public async Task AViewerCannotEdit_AnEditorCan()
    {
        var (service, id) = await NewAsync();
        var deny = new NetworkPolicy("shop", "deny", Engine.Selectors.LabelSelector.Everything, PolicyTypes.Ingress, ValueArray<NetworkPolicyRule>.Empty, ValueArray<NetworkPolicyRule>.Empty);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => service.ExecuteAsync(id, new EditPolicies([PolicyChange.Upsert(deny)], "deny"), Viewer));
        Assert.Contains("viewer", refused.Message, StringComparison.Ordinal);
        Assert.True((await service.ExecuteAsync(id, new EditPolicies([PolicyChange.Upsert(deny)], "deny"), Editor)).Applied);
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ExecuteAsync(id, new RenameWorkspace("x"), Editor));
    }
}
