namespace PolicyEditor.Engine.Flows;

/// <summary>What the cluster did with an observed flow, as its record says.</summary>
public enum FlowVerdict : byte
{
    /// <summary>The record does not say (a plain CSV, an audit or trace record).</summary>
    Unknown = 0,

    /// <summary>The traffic went through (Hubble <c>FORWARDED</c>, Calico <c>allow</c>).</summary>
    Forwarded = 1,

    /// <summary>The traffic was dropped (Hubble <c>DROPPED</c>, Calico <c>deny</c>).</summary>
    Dropped = 2,
}
