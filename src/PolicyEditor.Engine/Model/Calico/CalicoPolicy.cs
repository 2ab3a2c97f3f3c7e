using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Model.Calico;

/// <summary>
/// A projectcalico.org/v3 NetworkPolicy (namespaced) or GlobalNetworkPolicy, or their staged forms, as
/// written: its tier and order, which endpoints it applies to (<see cref="Selector"/>, and for a global
/// policy <see cref="NamespaceSelector"/>; <see cref="ServiceAccountSelector"/>), the directions it
/// applies in (<see cref="Types"/>; empty: Ingress, plus Egress when it has egress rules) and its
/// ordered rules. A staged policy is never enforced: <see cref="StagedAction"/> says what promoting it does.
/// </summary>
public sealed record CalicoPolicy(
    CalicoPolicyKind PolicyKind,
    string? Namespace,
    string Name,
    string Tier,
    double? Order,
    CalicoSelector Selector,
    CalicoSelector? NamespaceSelector,
    CalicoSelector? ServiceAccountSelector,
    ValueArray<TrafficDirection> Types,
    ValueArray<CalicoRule> Ingress,
    ValueArray<CalicoRule> Egress) : IPolicyResource, INamesProtocols
{
    /// <inheritdoc />
    public IEnumerable<Connections.Protocol> NamedProtocols => Ingress.Concat(Egress).SelectMany(r => r.NamedProtocols);

    /// <summary>The tier policies without one are in.</summary>
    public const string DefaultTier = "default";

    /// <summary>For a staged policy: <c>Set</c> (promoting creates or replaces the policy) or <c>Delete</c> (promoting deletes it).</summary>
    public string? StagedAction { get; init; }

    /// <summary>GlobalNetworkPolicy only: doNotTrack, preDNAT, applyOnForward (host endpoint options, kept for writing back).</summary>
    public ValueArray<string> HostOptions { get; init; } = ValueArray<string>.Empty;

    /// <inheritdoc />
    public string Kind => PolicyKind switch
    {
        CalicoPolicyKind.NetworkPolicy => "CalicoNetworkPolicy",
        _ => PolicyKind.ToString(),
    };

    /// <summary>The kind as the manifest writes it.</summary>
    public string ManifestKind => PolicyKind.ToString();

    /// <summary>True for the cluster-wide kinds.</summary>
    public bool IsGlobal => PolicyKind is CalicoPolicyKind.GlobalNetworkPolicy or CalicoPolicyKind.StagedGlobalNetworkPolicy;

    /// <summary>True for the staged kinds, which are never enforced.</summary>
    public bool IsStaged => PolicyKind is CalicoPolicyKind.StagedNetworkPolicy or CalicoPolicyKind.StagedGlobalNetworkPolicy;

    /// <summary>Whether the policy applies to ingress: listed in types, or types empty (Calico's default includes Ingress).</summary>
    public bool AppliesToIngress => Types.IsEmpty || Types.Contains(TrafficDirection.Ingress);

    /// <summary>Whether the policy applies to egress: listed in types, or types empty and it has egress rules.</summary>
    public bool AppliesToEgress => Types.IsEmpty ? !Egress.IsEmpty : Types.Contains(TrafficDirection.Egress);

    /// <summary>The order in its tier; no order is last.</summary>
    public double EffectiveOrder => Order ?? double.PositiveInfinity;

    /// <summary>Where the policy runs, in words: "tier security, order 100" (or "no order" when it runs last in its tier).</summary>
    public string Placement => $"tier {Tier}, {(Order is { } o ? $"order {o.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "no order")}";

    /// <summary>The policy as named in explanations.</summary>
    public string Title => IsGlobal ? $"{ManifestKind} {Name}" : $"Calico {ManifestKind} {Namespace}/{Name}";

    /// <summary>The policy as it would be enforced once promoted (a staged kind becomes its enforced kind).</summary>
    public CalicoPolicy Promoted() => this with
    {
        PolicyKind = IsGlobal ? CalicoPolicyKind.GlobalNetworkPolicy : CalicoPolicyKind.NetworkPolicy,
        StagedAction = null,
    };

    /// <inheritdoc />
    public override string ToString() => Title;
}
