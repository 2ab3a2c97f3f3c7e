using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Accounts;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Import;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Hubs;

/// <summary>What the server answers to an edit: applied or not (with why), and the workspace's revision after it.</summary>
public sealed record EditAck(string ClientEditId, bool Applied, long Revision, string? Message);

/// <summary>
/// The shared workspace for programs (the SignalR .NET client, other tools): join a workspace's live
/// feed, edit its draft, comment on a review. Every method checks the caller's role on the server before
/// it looks anything up or reads what was sent; what is sent is read within the import budget
/// (<see cref="ImportOptions"/>), and a message larger than <see cref="MaxMessageBytes"/> is refused by
/// SignalR before it is read at all. Changes reach every client of the workspace, on every app instance
/// (with the Redis backplane), as <c>WorkspaceChanged(workspaceId, revision, description, actor)</c> and
/// <c>ReviewChanged(reviewId, description, actor)</c>.
/// </summary>
public sealed class WorkspaceHub(WorkspaceService workspaces, ReviewService reviews, EditLedger ledger, ImportService? imports = null) : Hub
{
    /// <summary>The largest message a client may send (an edit's YAML with its envelope): 1 MB.</summary>
    public const long MaxMessageBytes = 1024 * 1024;

    /// <summary>The group of a workspace's clients.</summary>
    public static string GroupOf(Guid workspaceId) => $"ws:{workspaceId}";

    /// <summary>The group of a review's clients.</summary>
    public static string ReviewGroupOf(Guid reviewId) => $"review:{reviewId}";

    private Actor Caller => ClaimsActor.From(Context.User);

    /// <summary>Joins a workspace's feed (viewer role); returns its revision now.</summary>
    public async Task<long> JoinWorkspace(Guid workspaceId)
    {
        if (!(await workspaces.RoleAsync(workspaceId, Caller)).Allows(Permission.View))
        {
            throw new HubException("You have no access to this workspace.");
        }

        var state = await workspaces.GetAsync(workspaceId) ?? throw new HubException("There is no such workspace.");
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(workspaceId));
        return state.Revision;
    }

    /// <summary>Joins a review's feed (viewer role of its workspace).</summary>
    public async Task JoinReview(Guid reviewId)
    {
        try
        {
            await reviews.GetAsync(reviewId, Caller);
        }
        catch (Exception e) when (e is AccessDeniedException or KeyNotFoundException)
        {
            throw new HubException(e.Message);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, ReviewGroupOf(reviewId));
    }

    /// <summary>
    /// Adds or replaces the policies (of any kind) in <paramref name="yaml"/> (editor role). An edit based on an
    /// older revision that touches a policy changed since is refused with the current revision. Sending
    /// the same <paramref name="clientEditId"/> again (after a dropped connection) returns the first answer.
    /// </summary>
    public async Task<EditAck> EditPolicies(Guid workspaceId, long baseRevision, string yaml, string description, string clientEditId)
    {
        var caller = Caller;
        if (!(await workspaces.RoleAsync(workspaceId, caller)).Allows(Permission.Edit))
        {
            throw new HubException("You may not edit this workspace's draft.");
        }

        if (ledger.Find(caller, workspaceId, clientEditId) is { } earlier)
        {
            return earlier;
        }

        var changes = PolicyYaml.ReadUpserts(yaml, "edit", out var problem, imports?.Limits);
        if (problem is not null)
        {
            return new EditAck(clientEditId, false, baseRevision, problem);
        }

        CommandResult result;
        try
        {
            result = await workspaces.ExecuteAsync(workspaceId, new EditPolicies(changes, description) { BaseRevision = baseRevision }, caller);
        }
        catch (Exception e) when (e is AccessDeniedException or KeyNotFoundException)
        {
            throw new HubException(e.Message);
        }

        return ledger.Record(caller, workspaceId, new EditAck(clientEditId, result.Applied, result.State.Revision, result.Message));
    }

    /// <summary>Comments on a review (reviewer role).</summary>
    public async Task CommentOnReview(Guid reviewId, string text)
    {
        try
        {
            await reviews.CommentAsync(reviewId, ReviewAnchor.Review, text, null, Caller);
        }
        catch (Exception e) when (ReviewService.IsRefusal(e))
        {
            throw new HubException(e.Message);
        }
    }
}

/// <summary>
/// The answers to recent edits by who sent them and their client ids, so an edit resent after a reconnect
/// is applied once; an answer is only ever given back to the user whose edit it was.
/// </summary>
public sealed class EditLedger
{
    private const int Keep = 10_000;
    private readonly ConcurrentDictionary<(string, Guid, string), EditAck> _acks = new();
    private readonly ConcurrentQueue<(string, Guid, string)> _order = new();

    public EditAck? Find(Actor sender, Guid workspaceId, string clientEditId) => _acks.GetValueOrDefault((sender.Id, workspaceId, clientEditId));

    public EditAck Record(Actor sender, Guid workspaceId, EditAck ack)
    {
        if (_acks.TryAdd((sender.Id, workspaceId, ack.ClientEditId), ack))
        {
            _order.Enqueue((sender.Id, workspaceId, ack.ClientEditId));
            while (_order.Count > Keep && _order.TryDequeue(out var old))
            {
                _acks.TryRemove(old, out _);
            }
        }

        return ack;
    }
}

/// <summary>Sends every change made on this instance to the hub's groups (the backplane carries it to the other instances' clients).</summary>
public sealed class HubBroadcaster(WorkspaceService workspaces, ReviewService reviews, IHubContext<WorkspaceHub> hub) : IHostedService
{
    private IDisposable? _workspaces;
    private IDisposable? _reviews;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _workspaces = workspaces.SubscribeAll(change => change.Remote ? Task.CompletedTask
            : hub.Clients.Group(WorkspaceHub.GroupOf(change.State.Id)).SendAsync("WorkspaceChanged", change.State.Id, change.State.Revision, change.Description, change.Actor.DisplayName, CancellationToken.None));
        _reviews = reviews.SubscribeAll(change => change.Remote ? Task.CompletedTask
            : hub.Clients.Group(WorkspaceHub.ReviewGroupOf(change.Review.Id)).SendAsync("ReviewChanged", change.Review.Id, change.Description, change.Actor.DisplayName, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _workspaces?.Dispose();
        _reviews?.Dispose();
        return Task.CompletedTask;
    }
}
