using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>Cilium in the explorer: the policy enforcement mode of the draft, and the L7 rules on a pair's traffic.</summary>
public sealed partial class ExplorerSession
{
    /// <summary>The draft's Cilium policy enforcement mode; null when the draft does not use Cilium.</summary>
    public CiliumEnforcementMode? CiliumEnforcement =>
        State?.Draft is { } draft && CiliumDialect.IsUsedBy(draft) ? CiliumConfig.Of(draft) : null;

    /// <summary>Sets the draft's Cilium policy enforcement mode: an edit of Cilium's ConfigMap, undone, reviewed and accepted like any policy change.</summary>
    public Task<bool> SetCiliumEnforcementAsync(CiliumEnforcementMode mode) =>
        State?.Draft is not { } draft || CiliumConfig.Of(draft) == mode
            ? Task.FromResult(false)
            : ExecuteAsync(new EditPolicies([CiliumConfig.Set(draft, mode)], $"Set Cilium's policy enforcement mode to {CiliumConfig.Text(mode)}"));

    /// <summary>The L7 rules (Cilium's http, kafka, dns) that filter a pair's traffic in the draft.</summary>
    public IReadOnlyList<ProxyFilter> ProxyFiltersOf(EndpointPair pair) =>
        Analysis is { } analysis ? ProxyFilter.Between(analysis.Draft.Evaluator, pair.Source, pair.Destination) : [];
}
