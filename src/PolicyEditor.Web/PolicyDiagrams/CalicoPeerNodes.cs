using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;

namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>
/// Short titles for the peers of Calico rules: the kind of peer and its key selector (<c>endpoints in namespaces</c>, chips
/// <c>app == 'checkout'</c> and <c>namespace shop</c>) instead of the rule's whole description, which the node's tooltip and
/// the rule list keep (<see cref="DiagramNode.Description"/>).
/// </summary>
public static class CalicoPeerNodes
{
    /// <summary>The selector Calico gives every namespace's name.</summary>
    private const string NameLabel = "projectcalico.org/name";

    /// <summary>The peer entity of rule <paramref name="number"/> (from 1) of a direction of a Calico policy or profile (ports left out); null when there is none.</summary>
    public static CalicoEntityRule? PeerOf(IPolicyResource policy, TrafficDirection direction, int number)
    {
        var rules = CalicoRuleConditions.Rules(policy, direction);
        return number < 1 || number > rules.Count ? null
            : direction == TrafficDirection.Ingress ? rules[number - 1].Source : rules[number - 1].Destination;
    }

    /// <summary>
    /// The node drawn for <paramref name="peer"/> with a short title, when the program's node says it only as its long description
    /// (a selector the engine does not take as labels, nets, network sets, service accounts); otherwise the node as it is.
    /// </summary>
    public static DiagramNode Shorten(DiagramNode node, CalicoEntityRule peer, string? policyNamespace)
    {
        if (node.Selector.Count > 0 || node.NamespaceSelector.Count > 0 || node.Shape is not (DiagramNodeShape.Pods or DiagramNodeShape.Namespaces or DiagramNodeShape.Cidr))
        {
            return node;
        }

        var lines = new List<string>();
        string title;
        if (peer.Services is { } services)
        {
            title = services.ToString();
        }
        else if (!peer.Nets.IsEmpty)
        {
            title = peer.Nets.Count == 1 ? peer.Nets[0].ToString() : $"{peer.Nets[0]} and {peer.Nets.Count - 1} more";
        }
        else if (peer.ServiceAccounts is { } accounts)
        {
            title = accounts.ToString();
        }
        else if (peer.Selector is null && peer.NamespaceSelector is null && !peer.NotNets.IsEmpty)
        {
            title = "anything outside";
        }
        else if (node.Shape == DiagramNodeShape.Cidr)
        {
            // The selector takes in network sets (their nets), and maybe endpoints too.
            title = node.Workloads is > 0 ? "endpoints and network sets" : "network sets";
        }
        else
        {
            title = (peer.Selector, peer.NamespaceSelector) switch
            {
                (null, not null) => "namespaces",
                (not null, not null) => "endpoints in namespaces",
                _ => policyNamespace is null ? "endpoints" : $"endpoints in {policyNamespace}",
            };
        }

        if (!peer.NotNets.IsEmpty)
        {
            lines.Add($"except {string.Join(", ", peer.NotNets)}");
        }

        if (peer.NotSelector is { } not)
        {
            lines.Add($"not {not}");
        }

        return node with
        {
            Shape = node.Shape == DiagramNodeShape.Pods && peer is { Selector: null, NamespaceSelector: not null } ? DiagramNodeShape.Namespaces : node.Shape,
            Title = title,
            Selector = peer.Selector is { } selector && peer.Services is null ? [selector.ToString()] : [],
            NamespaceSelector = peer.NamespaceSelector is { } ns && peer.Services is null ? [NamespaceTerm(ns)] : [],
            Lines = lines,
            Description = node.Title,
        };
    }

    /// <summary>
    /// The subject of a Calico policy as written: its selectors as chips, and what the program calls it (<paramref name="description"/>)
    /// as its <see cref="DiagramNode.Description"/>. The program's own subjects are the variants its rules' conditions split the policy into,
    /// each narrower than the policy, so none of them is drawn as the subject.
    /// </summary>
    public static DiagramNode Subject(DiagramNode subject, CalicoPolicy policy, string? description) => subject with
    {
        Title = (policy.Selector.IsAll, policy.IsGlobal) switch
        {
            (true, true) => "every endpoint",
            (true, false) => $"every endpoint in {policy.Namespace}",
            (false, true) => "endpoints",
            _ => $"endpoints in {policy.Namespace}",
        },
        Selector = policy.Selector.IsAll ? [] : [policy.Selector.ToString()],
        NamespaceSelector = policy.NamespaceSelector is { } ns ? [NamespaceTerm(ns)] : [],
        Lines = policy.ServiceAccountSelector is { } accounts ? [$"service accounts [{accounts}]"] : [],
        Description = description,
    };

    /// <summary>A namespace selector as a chip: <c>namespace shop</c> for Calico's name label, <c>global</c> for <c>global()</c>.</summary>
    private static string NamespaceTerm(CalicoSelector selector)
    {
        var text = selector.ToString();
        var prefix = $"{NameLabel} == '";
        return text == "global()" ? "global" : text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith('\'') && text.IndexOf('\'', prefix.Length) == text.Length - 1
            ? $"namespace {text[prefix.Length..^1]}"
            : text;
    }
}
