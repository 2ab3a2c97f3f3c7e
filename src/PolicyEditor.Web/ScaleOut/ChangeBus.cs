using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.ScaleOut;

/// <summary>What was changed, by whom, on which app instance: enough for another instance to reload it from the database.</summary>
public sealed record ChangeNotice(string Instance, ChangeSubject Subject, Guid Id, string ActorId, string ActorName, string Description, string? Data = null);

/// <summary>The kinds of things instances tell each other about.</summary>
public enum ChangeSubject
{
    Workspace,
    Review,

    /// <summary>Who is in a review session on the sending instance (<see cref="ChangeNotice.Data"/> holds them).</summary>
    Presence,
}

/// <summary>
/// Tells the other app instances that something changed (they share the database, and reload what a
/// notice names). With one instance there is nobody to tell: <see cref="LocalChangeBus"/>.
/// </summary>
public interface IChangeBus
{
    /// <summary>This instance's name in notices (its own notices are not delivered back to it).</summary>
    string Instance { get; }

    /// <summary>Tells the other instances.</summary>
    Task PublishAsync(ChangeSubject subject, Guid id, Actor actor, string description, string? data = null);

    /// <summary>Calls <paramref name="handler"/> for every notice from another instance.</summary>
    void Subscribe(Func<ChangeNotice, Task> handler);
}

/// <summary>A single instance: nothing to tell anyone.</summary>
public sealed class LocalChangeBus : IChangeBus
{
    public string Instance { get; } = Environment.MachineName;

    public Task PublishAsync(ChangeSubject subject, Guid id, Actor actor, string description, string? data = null) => Task.CompletedTask;

    public void Subscribe(Func<ChangeNotice, Task> handler)
    {
    }
}
