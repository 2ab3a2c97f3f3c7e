using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Model;

/// <summary>
/// A networking.k8s.io/v1 NetworkPolicy. <see cref="DeclaredPolicyTypes"/> is what the manifest says
/// (null when it says nothing); <see cref="Types"/> applies Kubernetes' default: Ingress always, plus
/// Egress when the policy has egress rules.
/// </summary>
public sealed record NetworkPolicy(
    string Namespace,
    string Name,
    LabelSelector PodSelector,
    PolicyTypes? DeclaredPolicyTypes,
    ValueArray<NetworkPolicyRule> Ingress,
    ValueArray<NetworkPolicyRule> Egress) : IPolicyResource
{
    /// <inheritdoc />
    public string Kind => nameof(NetworkPolicy);

    string? IPolicyResource.Namespace => Namespace;

    /// <summary>The directions the policy isolates the pods it selects.</summary>
    public PolicyTypes Types => DeclaredPolicyTypes ?? (Egress.IsEmpty ? PolicyTypes.Ingress : PolicyTypes.Both);

    /// <summary>Whether the selected pods are isolated for ingress.</summary>
    public bool AffectsIngress => (Types & PolicyTypes.Ingress) != 0;

    /// <summary>Whether the selected pods are isolated for egress.</summary>
    public bool AffectsEgress => (Types & PolicyTypes.Egress) != 0;

    /// <summary>The policy's name in reports: <c>namespace/name</c>.</summary>
    public string Id => $"{Namespace}/{Name}";

    /// <inheritdoc />
    public override string ToString() => Id;
}
