using System.Collections.Concurrent;
using System.Text.Json;
using PolicyEditor.Web.ScaleOut;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Reviews;

/// <summary>One person in a review session now: who, in which colour, and what they have selected.</summary>
public sealed record PresenceEntry(Guid Connection, string UserId, string Name, string Color, string? Selection);

/// <summary>
/// Who is in each review session right now and what each one has selected (a changed connection, a
/// policy), so everyone's page can show the others in their colours. Each instance keeps its own pages'
/// entries in memory (presence ends with the page) and sends them to the other instances over the
/// change bus, so people on different instances see each other.
/// </summary>
public sealed class ReviewPresence
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, PresenceEntry>> _sessions = new();
    private readonly ConcurrentDictionary<(Guid Review, string Instance), IReadOnlyList<PresenceEntry>> _remote = new();
    private readonly IChangeBus _bus;

    public ReviewPresence(IChangeBus? bus = null)
    {
        _bus = bus ?? new LocalChangeBus();
        _bus.Subscribe(OnRemoteAsync);
    }

    /// <summary>Raised with the review's id whenever someone joins, leaves or selects something.</summary>
    public event Func<Guid, Task>? Changed;

    /// <summary>Everyone in a review now, one entry per person (their latest selection).</summary>
    public IReadOnlyList<PresenceEntry> In(Guid reviewId)
    {
        var local = _sessions.TryGetValue(reviewId, out var entries) ? entries.Values.ToList() : [];
        var remote = _remote.Where(r => r.Key.Review == reviewId).SelectMany(r => r.Value);
        return [.. local.Concat(remote).GroupBy(e => e.UserId).Select(g => g.OrderByDescending(e => e.Selection is not null).First()).OrderBy(e => e.Name, StringComparer.Ordinal)];
    }

    /// <summary>Another instance's pages of a review changed: keep its list (it replaces the one before).</summary>
    private async Task OnRemoteAsync(ChangeNotice notice)
    {
        if (notice.Subject != ChangeSubject.Presence || notice.Data is null)
        {
            return;
        }

        var first = !_remote.ContainsKey((notice.Id, notice.Instance));
        _remote[(notice.Id, notice.Instance)] = JsonSerializer.Deserialize<List<PresenceEntry>>(notice.Data) ?? [];

        // An instance heard from for the first time has not heard this one's pages yet: answer once.
        if (first && _sessions.TryGetValue(notice.Id, out var mine) && !mine.IsEmpty)
        {
            await _bus.PublishAsync(ChangeSubject.Presence, notice.Id, Actor.System, "presence", JsonSerializer.Serialize(mine.Values.ToList()));
        }

        await NotifyAsync(notice.Id);
    }

    /// <summary>A page of the review opened; returns its connection key.</summary>
    public async Task<Guid> JoinAsync(Guid reviewId, Actor actor, string color)
    {
        var connection = Guid.NewGuid();
        _sessions.GetOrAdd(reviewId, _ => new())[connection] = new PresenceEntry(connection, actor.Id, actor.DisplayName, color, null);
        await RaiseAsync(reviewId);
        return connection;
    }

    /// <summary>What a page has selected now (null for nothing).</summary>
    public async Task SelectAsync(Guid reviewId, Guid connection, string? selection)
    {
        if (_sessions.TryGetValue(reviewId, out var entries) && entries.TryGetValue(connection, out var entry))
        {
            entries[connection] = entry with { Selection = selection };
            await RaiseAsync(reviewId);
        }
    }

    /// <summary>A page of the review closed.</summary>
    public async Task LeaveAsync(Guid reviewId, Guid connection)
    {
        if (_sessions.TryGetValue(reviewId, out var entries) && entries.TryRemove(connection, out _))
        {
            await RaiseAsync(reviewId);
        }
    }

    private async Task RaiseAsync(Guid reviewId)
    {
        // The other instances hear this instance's whole list for the review.
        var mine = _sessions.TryGetValue(reviewId, out var entries) ? entries.Values.ToList() : [];
        await _bus.PublishAsync(ChangeSubject.Presence, reviewId, Actor.System, "presence", JsonSerializer.Serialize(mine));
        await NotifyAsync(reviewId);
    }

    /// <summary>
    /// Tells every page, without waiting for any: a page whose browser is away (its circuit kept for a while)
    /// may wait a minute on its browser, and that must not hold up the page whose join, selection or leave
    /// raised the event, nor the others.
    /// </summary>
    private Task NotifyAsync(Guid reviewId)
    {
        foreach (var handler in Changed?.GetInvocationList().Cast<Func<Guid, Task>>() ?? [])
        {
            _ = Safe(handler, reviewId);
        }

        return Task.CompletedTask;
    }

    private static async Task Safe(Func<Guid, Task> handler, Guid reviewId)
    {
        try
        {
            await handler(reviewId);
        }
        catch (Exception)
        {
            // One page failing to show it (closed meanwhile, its browser gone) is that page's business only.
        }
    }
}
