namespace PolicyEditor.Manifests.Flows;

/// <summary>Why one line is not a flow record: the field at fault (null for the line as a whole) and a sentence.</summary>
internal sealed class FlowLineProblem(string? field, string message) : Exception(message)
{
    public string? Field { get; } = field;
}
