namespace PolicyEditor.Engine.Flows;

/// <summary>What the policies make of an observed connection, or of an allowed one never observed.</summary>
public enum FlowClass : byte
{
    /// <summary>Observed, and allowed by the policies today and by the draft.</summary>
    ObservedAllowed = 0,

    /// <summary>Observed and allowed today, but the draft blocks it: the change would break real traffic.</summary>
    BlockedByDraft = 1,

    /// <summary>Observed, and the policies today drop it.</summary>
    DroppedToday = 2,

    /// <summary>Allowed, but no flow was observed: a candidate to tighten.</summary>
    NeverObserved = 3,

    /// <summary>Observed, but an end is not a workload of the manifests (or both are outside the cluster).</summary>
    Unmatched = 4,
}

/// <summary>Words for <see cref="FlowClass"/> in the UI and the command line.</summary>
public static class FlowClasses
{
    /// <summary>The class in words.</summary>
    public static string Describe(this FlowClass flowClass) => flowClass switch
    {
        FlowClass.ObservedAllowed => "observed and allowed",
        FlowClass.BlockedByDraft => "observed but blocked by the draft",
        FlowClass.DroppedToday => "observed and dropped today",
        FlowClass.NeverObserved => "allowed but never observed",
        _ => "observed, not matched to a workload",
    };
}
