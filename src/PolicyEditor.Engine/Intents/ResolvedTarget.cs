using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Intents;

/// <summary>
/// One endpoint a declared call reaches (a workload, or an external address block), the Service it goes
/// through when the call names one, and the connections the call means: the Service's target ports, the
/// workload's container ports, the internet ports, or every connection when nothing narrows it.
/// </summary>
public sealed record ResolvedTarget(Endpoint Endpoint, Service? Via, ConnectionSet Intended)
{
    /// <summary>The address block an internet call names, for an external endpoint.</summary>
    public Addresses.Cidr? Block { get; init; }
}
