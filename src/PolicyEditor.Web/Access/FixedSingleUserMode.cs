namespace PolicyEditor.Web.Access;

/// <summary>A fixed answer (tests, and installations that never use accounts).</summary>
public sealed class FixedSingleUserMode(bool active) : ISingleUserMode
{
    public ValueTask<bool> IsActiveAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(active);
}
