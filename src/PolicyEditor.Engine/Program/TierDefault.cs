namespace PolicyEditor.Engine.Program;

/// <summary>
/// What a tier does with traffic of an endpoint that one of its policies selects (in that direction)
/// when none of its rules decided: deny it (NetworkPolicy's isolation, a Calico tier's default), or
/// let the next tier decide (an admin tier).
/// </summary>
public enum TierDefault
{
    /// <summary>Deny what no rule of the tier decided.</summary>
    Deny,

    /// <summary>Fall through to the next tier.</summary>
    Pass,
}
