using System.Collections.Concurrent;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Reviews;

/// <summary>One person in a review session now: who, in which colour, and what they have selected.</summary>
public sealed record PresenceEntry(Guid Connection, string UserId, string Name, string Color, string? Selection);

/// <summary>
/// Who is in each review session right now and what each one has selected (a changed connection, a
/// policy), so everyone's page can show the others in their colours. Kept in this app instance's memory:
/// presence is about open pages, which end with the process.
/// </summary>
public sealed class ReviewPresence
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, PresenceEntry>> _sessions = new();

    /// <summary>Raised with the review's id whenever someone joins, leaves or selects something.</summary>
    public event Func<Guid, Task>? Changed;

    /// <summary>Everyone in a review now, one entry per person (their latest selection).</summary>
    public IReadOnlyList<PresenceEntry> In(Guid reviewId) =>
        _sessions.TryGetValue(reviewId, out var entries)
            ? [.. entries.Values.GroupBy(e => e.UserId).Select(g => g.OrderByDescending(e => e.Selection is not null).First()).OrderBy(e => e.Name, StringComparer.Ordinal)]
            : [];

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
        foreach (var handler in Changed?.GetInvocationList().Cast<Func<Guid, Task>>() ?? [])
        {
            try
            {
                await handler(reviewId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One page failing to show it (closed meanwhile, its browser gone) must not fail the others,
                // nor the page whose join or selection raised the event.
            }
        }
    }
}
