using System.Collections.Concurrent;
using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>The engine's answers about a Calico host endpoint of the draft, for its inspector.</summary>
public sealed partial class ExplorerAnswers
{
    private readonly ConcurrentDictionary<string, HostEndpointSummary> _hosts = new(StringComparer.Ordinal);

    /// <summary>The policies and profiles applying to a host endpoint in Felix's order, its failsafe ports and what decides the rest, in the draft.</summary>
    public HostEndpointSummary HostEndpoint(HostEndpoint host) => _hosts.GetOrAdd(host.Id, _ => Draft.Evaluator.Summarize(host));
}
