namespace PolicyEditor.Web.Access;

/// <summary>The local user of a single-user installation.</summary>
public sealed class LocalActor : ICurrentActor
{
    public Task<Actor> GetAsync() => Task.FromResult(Actor.Local);
}
