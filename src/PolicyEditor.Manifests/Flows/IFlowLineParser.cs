using PolicyEditor.Engine.Flows;

namespace PolicyEditor.Manifests.Flows;

/// <summary>Turns one line of a flow file into a record; one implementation per format.</summary>
internal interface IFlowLineParser
{
    /// <summary>
    /// The record on <paramref name="line"/>, or null for a line that holds no flow (a header, an event of
    /// another kind); throws <see cref="FlowLineProblem"/> for a malformed record.
    /// </summary>
    FlowRecord? Parse(ReadOnlyMemory<byte> line);
}
