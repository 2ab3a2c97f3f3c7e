using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>
/// The part of the Cilium agent's ConfigMap (<c>kube-system/cilium-config</c>) that decides what policies
/// do: <c>enable-policy</c>, the policy enforcement mode. Kept among the cluster's policy objects so that
/// it is loaded, written, versioned and edited (undo, review) like they are.
/// </summary>
public sealed record CiliumConfig(string Namespace, CiliumEnforcementMode Enforcement) : IPolicyResource
{
    /// <summary>The kind of the object it is read from.</summary>
    public const string KindName = "ConfigMap";

    /// <summary>The name of Cilium's ConfigMap.</summary>
    public const string ConfigName = "cilium-config";

    /// <summary>The namespace Cilium's ConfigMap lives in when nothing else is known.</summary>
    public const string DefaultNamespace = "kube-system";

    /// <summary>The ConfigMap key of the enforcement mode.</summary>
    public const string EnforcementKey = "enable-policy";

    /// <inheritdoc />
    public string Kind => KindName;

    /// <inheritdoc />
    string? IPolicyResource.Namespace => Namespace;

    /// <inheritdoc />
    public string Name => ConfigName;

    /// <summary>The mode as the ConfigMap writes it (<c>default</c>, <c>always</c>, <c>never</c>).</summary>
    public string EnforcementText => Text(Enforcement);

    /// <summary>The mode as the ConfigMap writes it.</summary>
    public static string Text(CiliumEnforcementMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary>The mode a ConfigMap value names, or null for an unknown value.</summary>
    public static CiliumEnforcementMode? Parse(string? text) => text switch
    {
        "default" => CiliumEnforcementMode.Default,
        "always" => CiliumEnforcementMode.Always,
        "never" => CiliumEnforcementMode.Never,
        _ => null,
    };

    /// <summary>The enforcement mode of a cluster: its Cilium ConfigMap's, or <see cref="CiliumEnforcementMode.Default"/>.</summary>
    public static CiliumEnforcementMode Of(Cluster cluster) => Find(cluster)?.Enforcement ?? CiliumEnforcementMode.Default;

    /// <summary>The cluster's Cilium ConfigMap, if it has one.</summary>
    public static CiliumConfig? Find(Cluster cluster) => cluster.OtherPolicies.OfType<CiliumConfig>().FirstOrDefault();

    /// <summary>The change that sets a cluster's enforcement mode (in its ConfigMap, a new one in kube-system if it has none).</summary>
    public static PolicyChange Set(Cluster cluster, CiliumEnforcementMode mode)
    {
        var config = (Find(cluster) ?? new CiliumConfig(DefaultNamespace, mode)) with { Enforcement = mode };
        return PolicyChange.Upsert(config);
    }

    /// <inheritdoc />
    public override string ToString() => $"{KindName} {Namespace}/{ConfigName}";
}
