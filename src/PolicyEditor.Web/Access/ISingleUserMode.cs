namespace PolicyEditor.Web.Access;

/// <summary>Whether the app runs for one local user without sign-in (true until the first account exists).</summary>
public interface ISingleUserMode
{
    ValueTask<bool> IsActiveAsync(CancellationToken cancellationToken = default);
}
