using System.Collections.Concurrent;

namespace PolicyEditor.Web.Workspace;

/// <summary>
/// Who hears of changes, by the id of what changed (a workspace, a review): handlers of an id, and those
/// of <see cref="Guid.Empty"/> for every id. Each handler is called without waiting for it, so a slow
/// page (its browser gone, its circuit kept for a while) or a failing one holds up neither the caller
/// nor the other handlers.
/// </summary>
public sealed class ChangeFeed<TChange>(Action<Exception, TChange>? failed = null)
{
    private readonly ConcurrentDictionary<Guid, Handlers> _handlers = new();

    /// <summary>Calls <paramref name="handler"/> for every change of <paramref name="id"/> (of every id for <see cref="Guid.Empty"/>) until disposed.</summary>
    public IDisposable Subscribe(Guid id, Func<TChange, Task> handler)
    {
        _handlers.AddOrUpdate(id, _ => new Handlers([handler]), (_, h) => h.With(handler));
        return new Subscription(() => _handlers.AddOrUpdate(id, _ => new Handlers([]), (_, h) => h.Without(handler)));
    }

    /// <summary>Tells the handlers of <paramref name="id"/> and those of every id.</summary>
    public void Publish(Guid id, TChange change)
    {
        foreach (var key in id == Guid.Empty ? [id] : new[] { id, Guid.Empty })
        {
            if (_handlers.TryGetValue(key, out var handlers))
            {
                foreach (var handler in handlers.List)
                {
                    _ = CallAsync(handler, change);
                }
            }
        }
    }

    private async Task CallAsync(Func<TChange, Task> handler, TChange change)
    {
        try
        {
            await handler(change);
        }
        catch (Exception e)
        {
            // One handler's failure is its own business; it is reported, and the others go on.
            failed?.Invoke(e, change);
        }
    }

    private sealed record Handlers(IReadOnlyList<Func<TChange, Task>> List)
    {
        public Handlers With(Func<TChange, Task> handler) => new([.. List, handler]);

        public Handlers Without(Func<TChange, Task> handler) => new([.. List.Where(h => h != handler)]);
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
