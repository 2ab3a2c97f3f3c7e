using System.Collections.Concurrent;
using System.Text.Json;
using PolicyEditor.Web.ScaleOut;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Reviews;

/// <summary>One person in a review session now: who, in which colour, and what they have selected.</summary>
public sealed record PresenceEntry(Guid Connection, string UserId, string Name, string Color, string? Selection);

/// <summary>
/// Who is in each review session right now and what each one has selected (a changed connection, a
/// policy), so everyone's page can show the others in their colours. Each instance keeps its own pages'
/// entries in memory (presence ends with the page) and sends them to the other instances over the
/// change bus, so people on different instances see each other. Each instance sends its lists again
/// every <see cref="Heartbeat"/>; the lists of an instance not heard from for three heartbeats (it
/// crashed, or lost the bus) are dropped, so its people do not stay "here" on the others.
/// </summary>
public sealed class ReviewPresence : IDisposable
{
    /// <summary>How often an instance repeats its pages' lists to the others.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    /// <summary>How long another instance's list counts without being repeated.</summary>
    public static readonly TimeSpan Expiry = Heartbeat * 3;

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, PresenceEntry>> _sessions = new();
    private readonly ConcurrentDictionary<(Guid Review, string Instance), RemoteList> _remote = new();
    private readonly IChangeBus _bus;
    private readonly TimeProvider _time;
    private readonly ITimer _heartbeat;
    private readonly ChangeFeed<Guid> _feed = new();

    public ReviewPresence(IChangeBus? bus = null, TimeProvider? time = null)
    {
        _bus = bus ?? new LocalChangeBus();
        _time = time ?? TimeProvider.System;
        _bus.Subscribe(OnRemoteAsync);
        _heartbeat = _time.CreateTimer(_ => _ = BeatSafelyAsync(), null, Heartbeat, Heartbeat);
    }

    /// <inheritdoc />
    public void Dispose() => _heartbeat.Dispose();

    private async Task BeatSafelyAsync()
    {
        try
        {
            await BeatAsync();
        }
        catch (Exception)
        {
            // The bus is down (it reconnects by itself): the next beat tries again.
        }
    }

    /// <summary>
    /// Repeats this instance's lists to the others, and drops the lists of instances not heard from within
    /// <see cref="Expiry"/> (telling this instance's pages). Runs every <see cref="Heartbeat"/>.
    /// </summary>
    public async Task BeatAsync()
    {
        foreach (var (review, entries) in _sessions)
        {
            if (!entries.IsEmpty)
            {
                await PublishAsync(review);
            }
        }

        var silentSince = _time.GetUtcNow() - Expiry;
        foreach (var (key, list) in _remote)
        {
            if (list.Heard < silentSince && _remote.TryRemove(new KeyValuePair<(Guid Review, string Instance), RemoteList>(key, list)))
            {
                Notify(key.Review);
            }
        }
    }

    /// <summary>Calls <paramref name="handler"/> with the review's id whenever someone joins, leaves or selects something in it, until disposed.</summary>
    public IDisposable Subscribe(Guid reviewId, Func<Guid, Task> handler) => _feed.Subscribe(reviewId, handler);

    /// <summary>Everyone in a review now, one entry per person (their latest selection).</summary>
    public IReadOnlyList<PresenceEntry> In(Guid reviewId)
    {
        var local = _sessions.TryGetValue(reviewId, out var entries) ? entries.Values.ToList() : [];
        var remote = _remote.Where(r => r.Key.Review == reviewId).SelectMany(r => r.Value.Entries);
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
        _remote[(notice.Id, notice.Instance)] = new RemoteList(JsonSerializer.Deserialize<List<PresenceEntry>>(notice.Data) ?? [], _time.GetUtcNow());

        // An instance heard from for the first time has not heard this one's pages yet: answer once.
        if (first && _sessions.TryGetValue(notice.Id, out var mine) && !mine.IsEmpty)
        {
            await PublishAsync(notice.Id);
        }

        Notify(notice.Id);
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
        await PublishAsync(reviewId);
        Notify(reviewId);
    }

    /// <summary>The other instances hear this instance's whole list for the review.</summary>
    private Task PublishAsync(Guid reviewId)
    {
        var mine = _sessions.TryGetValue(reviewId, out var entries) ? entries.Values.ToList() : [];
        return _bus.PublishAsync(ChangeSubject.Presence, reviewId, Actor.System, "presence", JsonSerializer.Serialize(mine));
    }

    /// <summary>Tells the review's pages (without waiting for any: see <see cref="ChangeFeed{TChange}"/>).</summary>
    private void Notify(Guid reviewId) => _feed.Publish(reviewId, reviewId);

    /// <summary>Another instance's pages of a review, and when that instance last sent them.</summary>
    private sealed record RemoteList(IReadOnlyList<PresenceEntry> Entries, DateTimeOffset Heard);
}
