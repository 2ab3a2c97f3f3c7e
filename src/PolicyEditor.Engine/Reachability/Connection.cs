using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Engine.Reachability;

/// <summary>Traffic allowed from one endpoint to another.</summary>
public sealed record Connection(Endpoint Source, Endpoint Destination, ConnectionSet Allowed)
{
    /// <summary>The report line: <c>SOURCE => DESTINATION : CONNECTIONS</c>.</summary>
    public override string ToString() => $"{Source.Id} => {Destination.Id} : {Allowed}";
}
