using PolicyEditor.Engine.Flows;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Manifests.Flows;

/// <summary>What a file of flow records gave: the traffic folded from it, its format, and the records skipped with why.</summary>
/// <param name="Traffic">The connections the records fold into.</param>
/// <param name="Format">The format the file was read as.</param>
/// <param name="Lines">How many lines were read.</param>
/// <param name="Skipped">How many records were malformed and skipped.</param>
/// <param name="Problems">The first malformed records, each with file, line and field.</param>
public sealed record FlowReadResult(ObservedTraffic Traffic, FlowFormat Format, long Lines, long Skipped, IReadOnlyList<Diagnostic> Problems);
