namespace PolicyEditor.Web.Workspace;

/// <summary>Who is using this circuit (the signed-in user, or the local user when nobody signs in).</summary>
public interface ICurrentActor
{
    Task<Actor> GetAsync();
}

/// <summary>The local user of a single-user installation.</summary>
public sealed class LocalActor : ICurrentActor
{
    public Task<Actor> GetAsync() => Task.FromResult(Actor.Local);
}
