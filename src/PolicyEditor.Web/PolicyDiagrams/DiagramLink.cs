using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Web.PolicyDiagrams;

/// <summary>
/// One link of the policy view: one peer of one rule, from the peer to the subject (ingress) or from the
/// subject to the peer (egress), with what the rule does (<see cref="Action"/>) on which ports.
/// <see cref="Rule"/> (from 0) and <see cref="Peer"/> (from 0; -1 for a rule without peers) say which
/// part of the policy it is, so that deleting the link removes exactly that.
/// </summary>
public sealed record DiagramLink(string Id, TrafficDirection Direction, int Rule, int Peer, string PeerNode, RuleAction Action, string Ports)
{
    /// <summary>The rule's name, when the dialect names rules.</summary>
    public string? RuleName { get; init; }

    /// <summary>The rule in words.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>The policy whose rule the link is, when it is not the policy drawn (the workload view); null for a default.</summary>
    public PolicyEditor.Engine.Model.PolicyKey? Policy { get; init; }

    /// <summary>Which part of the policy the rule is in, from 0 (a Cilium policy's spec: <c>spec</c>, then each of <c>specs</c>); 0 for a policy of one part.</summary>
    public int Spec { get; init; }

    /// <summary>
    /// What the rule asks of the policy's own endpoints besides ports, short (a Calico rule's destination on ingress, e.g.
    /// "only to ns [compliance == 'pci-dss']"); drawn under the label; null when the rule holds for every endpoint of the subject.
    /// </summary>
    public string? Condition { get; init; }

    /// <summary>The label drawn on the link: the rule's place when order matters, its action unless it allows, and its ports.</summary>
    public string Label { get; init; } = string.Empty;
}
