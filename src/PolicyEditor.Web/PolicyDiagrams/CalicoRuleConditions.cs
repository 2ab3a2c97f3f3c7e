using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;

namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>
/// What a Calico rule asks of the policy's own endpoints (an ingress rule's destination, an egress rule's source) besides
/// ports: the engine splits the policy by those conditions, so its drawing would otherwise say the rule holds for every
/// endpoint the policy selects. Said short, for the link's label; the rule's text says it whole.
/// </summary>
public static class CalicoRuleConditions
{
    /// <summary>The condition of rule <paramref name="number"/> (from 1) of a direction of a Calico policy or profile, e.g. "only to ns [compliance == 'pci-dss']"; null when it has none (or the policy is not Calico's).</summary>
    public static string? Of(IPolicyResource policy, TrafficDirection direction, int number)
    {
        var rules = Rules(policy, direction);
        if (number < 1 || number > rules.Count)
        {
            return null;
        }

        var rule = rules[number - 1];
        var own = direction == TrafficDirection.Ingress ? rule.Destination : rule.Source;
        var parts = new List<string>();
        if (own.Selector is { } selector)
        {
            parts.Add($"[{selector}]");
        }

        if (own.NotSelector is { } not)
        {
            parts.Add($"not [{not}]");
        }

        if (own.NamespaceSelector is { } ns)
        {
            parts.Add($"ns [{ns}]");
        }

        if (own.ServiceAccounts is { } accounts)
        {
            parts.Add(accounts.ToString());
        }

        if (own.Services is { } services)
        {
            parts.Add(services.ToString());
        }

        if (!own.Nets.IsEmpty)
        {
            parts.Add(string.Join(", ", own.Nets));
        }

        if (!own.NotNets.IsEmpty)
        {
            parts.Add($"not {string.Join(", ", own.NotNets)}");
        }

        if (rule.IpVersion is { } version)
        {
            parts.Add($"IPv{version}");
        }

        return parts.Count == 0 ? null : $"only {(direction == TrafficDirection.Ingress ? "to" : "from")} {string.Join(" ", parts)}";
    }

    /// <summary>The rules of a direction of a Calico policy or profile (none for another kind).</summary>
    public static ValueArray<CalicoRule> Rules(IPolicyResource policy, TrafficDirection direction) => (policy, direction) switch
    {
        (CalicoPolicy p, TrafficDirection.Ingress) => p.Ingress,
        (CalicoPolicy p, _) => p.Egress,
        (CalicoProfile p, TrafficDirection.Ingress) => p.Ingress,
        (CalicoProfile p, _) => p.Egress,
        _ => ValueArray<CalicoRule>.Empty,
    };
}
