using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>
/// A cilium.io/v2 CiliumNetworkPolicy (namespaced) or CiliumClusterwideNetworkPolicy (no namespace),
/// kept as written: its <c>spec</c> and its <c>specs</c>, each a rule with its own endpoint selector.
/// </summary>
public sealed record CiliumPolicy(string? Namespace, string Name, CiliumRule? Spec, ValueArray<CiliumRule> Specs) : IPolicyResource
{
    /// <summary>The kind of a namespaced policy.</summary>
    public const string NamespacedKind = "CiliumNetworkPolicy";

    /// <summary>The kind of a cluster-wide policy.</summary>
    public const string ClusterwideKind = "CiliumClusterwideNetworkPolicy";

    /// <summary>True for a CiliumClusterwideNetworkPolicy.</summary>
    public bool IsClusterwide => Namespace is null;

    /// <inheritdoc />
    public string Kind => IsClusterwide ? ClusterwideKind : NamespacedKind;

    /// <summary>The policy's rules: <c>spec</c> first, then <c>specs</c> in order.</summary>
    public IEnumerable<CiliumRule> Rules => Spec is null ? Specs : Specs.Items.Insert(0, Spec);

    /// <summary>How many rules the policy has (<see cref="Rules"/>).</summary>
    public int RuleCount => (Spec is null ? 0 : 1) + Specs.Count;

    /// <summary>The rule at <paramref name="index"/> of <see cref="Rules"/>.</summary>
    public CiliumRule RuleAt(int index) => Spec is null ? Specs[index] : index == 0 ? Spec : Specs[index - 1];

    /// <summary>The name of the rule at <paramref name="index"/> of <see cref="Rules"/> as the manifest places it: <c>spec</c> or <c>specs[i]</c>.</summary>
    public string RuleName(int index) => Spec is not null && index == 0 ? "spec" : $"specs[{(Spec is null ? index : index - 1)}]";

    /// <summary>The short kind used in explanations (CNP, CCNP).</summary>
    public string ShortKind => IsClusterwide ? "CCNP" : "CNP";

    /// <inheritdoc />
    public override string ToString() => IsClusterwide ? $"{ClusterwideKind} {Name}" : $"{NamespacedKind} {Namespace}/{Name}";
}
