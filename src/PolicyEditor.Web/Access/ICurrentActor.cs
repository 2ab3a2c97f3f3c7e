namespace PolicyEditor.Web.Access;

/// <summary>Who is using this circuit (the signed-in user, or the local user when nobody signs in).</summary>
public interface ICurrentActor
{
    Task<Actor> GetAsync();
}
