using Microsoft.Extensions.Time.Testing;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.ScaleOut;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Tests.Reviews;

/// <summary>Presence in a review session across two app instances joined by a change bus (Redis in production).</summary>
public sealed class ReviewPresenceTests
{
    /// <summary>Two instances' buses: what one publishes, the other hears (as Redis publish/subscribe does).</summary>
    private sealed class LinkedBus(string instance) : IChangeBus
    {
        private readonly List<Func<ChangeNotice, Task>> _handlers = [];

        public LinkedBus? Other { get; set; }

        /// <summary>More than one other instance (for three); <see cref="Other"/> is the one of two.</summary>
        public IReadOnlyList<LinkedBus> Others { get; set; } = [];

        public string Instance { get; } = instance;

        public async Task PublishAsync(ChangeSubject subject, Guid id, Actor actor, string description, string? data = null)
        {
            foreach (var other in Other is null ? Others : [Other])
            {
                foreach (var handler in other._handlers.ToList())
                {
                    await handler(new ChangeNotice(Instance, subject, id, actor.Id, actor.DisplayName, description, data));
                }
            }
        }

        public void Subscribe(Func<ChangeNotice, Task> handler) => _handlers.Add(handler);
    }

    [Fact]
    public async Task PeopleOnDifferentInstances_SeeEachOther_AndEachOthersSelection()
    {
        var (one, two) = (new LinkedBus("one"), new LinkedBus("two"));
        (one.Other, two.Other) = (two, one);
        var first = new ReviewPresence(one);
        var second = new ReviewPresence(two);
        var review = Guid.NewGuid();
        var heardOnFirst = 0;
        using var hearing = first.Subscribe(review, _ => { heardOnFirst++; return Task.CompletedTask; });

        await first.JoinAsync(review, new Actor("ada", "Ada"), "#e6194b");
        var bob = await second.JoinAsync(review, new Actor("bob", "Bob"), "#3cb44b");

        Assert.Equal(["Ada", "Bob"], first.In(review).Select(p => p.Name));
        Assert.Equal(["Ada", "Bob"], second.In(review).Select(p => p.Name));
        Assert.True(heardOnFirst >= 2);

        await second.SelectAsync(review, bob, "node:w:shop/db[StatefulSet]");
        Assert.Equal("node:w:shop/db[StatefulSet]", first.In(review).Single(p => p.Name == "Bob").Selection);

        await second.LeaveAsync(review, bob);
        Assert.Equal(["Ada"], first.In(review).Select(p => p.Name));
        Assert.Empty(first.In(Guid.NewGuid()));
    }

    [Fact]
    public async Task APageThatNeverAnswers_DoesNotHoldUpOthersJoiningOrLeaving()
    {
        // A page whose browser went away waits on it (up to a minute); it must not block anyone else.
        var presence = new ReviewPresence();
        var review = Guid.NewGuid();
        var away = new TaskCompletionSource();
        var heard = 0;
        using var stuck = presence.Subscribe(review, _ => away.Task);
        using var hearing = presence.Subscribe(review, _ =>
        {
            Interlocked.Increment(ref heard);
            return Task.CompletedTask;
        });

        var joined = presence.JoinAsync(review, new Actor("ada", "Ada"), "#2563eb");
        var connection = await joined.WaitAsync(TimeSpan.FromSeconds(30));
        await presence.LeaveAsync(review, connection).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, heard);
        Assert.Empty(presence.In(review));
        away.SetResult();
    }

    [Fact]
    public async Task AnInstanceThatStopsSending_LosesItsPeopleOnTheOthers_WhileOneThatBeatsKeepsThem()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var (one, two, three) = (new LinkedBus("one"), new LinkedBus("two"), new LinkedBus("three"));
        var live = new ReviewPresence(one, time);
        var crashing = new ReviewPresence(two, time);
        var beating = new ReviewPresence(three, time);
        one.Others = [two, three];
        two.Others = [one, three];
        three.Others = [one, two];
        var review = Guid.NewGuid();
        await live.JoinAsync(review, new Actor("ada", "Ada"), "#e6194b");
        await crashing.JoinAsync(review, new Actor("bob", "Bob"), "#3cb44b");
        await beating.JoinAsync(review, new Actor("cy", "Cy"), "#4363d8");
        Assert.Equal(["Ada", "Bob", "Cy"], live.In(review).Select(p => p.Name));

        // The second instance dies without a word; the others' heartbeats go on.
        crashing.Dispose();
        two.Others = [];
        time.Advance(ReviewPresence.Expiry + ReviewPresence.Heartbeat);
        await Task.Yield();

        Assert.Equal(["Ada", "Cy"], live.In(review).Select(p => p.Name));
        Assert.Equal(["Ada", "Cy"], beating.In(review).Select(p => p.Name));
        live.Dispose();
        beating.Dispose();
    }
}
