namespace PolicyEditor.Manifests.Flows;

/// <summary>How far a read of flow records got: bytes and records so far.</summary>
public readonly record struct FlowReadProgress(long Bytes, long Records);
