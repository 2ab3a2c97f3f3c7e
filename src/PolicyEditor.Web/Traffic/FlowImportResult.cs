using PolicyEditor.Manifests.Flows;

namespace PolicyEditor.Web.Traffic;

/// <summary>What one import of flow records did: the file's reading (format, records, problems) and the workspace's traffic after it.</summary>
public sealed record FlowImportResult(FlowReadResult Read, ObservedTrafficRecord After);
