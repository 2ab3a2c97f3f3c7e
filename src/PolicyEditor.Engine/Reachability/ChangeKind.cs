namespace PolicyEditor.Engine.Reachability;

/// <summary>How the connections of a pair changed between two versions.</summary>
public enum ChangeKind
{
    /// <summary>Nothing was allowed before; something is now ("newly allowed").</summary>
    Added,

    /// <summary>Something was allowed before; nothing is now ("newly blocked").</summary>
    Removed,

    /// <summary>Both versions allow something, but not the same.</summary>
    Changed,
}
