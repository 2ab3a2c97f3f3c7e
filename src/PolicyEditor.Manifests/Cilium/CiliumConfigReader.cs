using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Manifests.Cilium;

/// <summary>Reads the policy enforcement mode out of Cilium's ConfigMap (<c>cilium-config</c>, key <c>enable-policy</c>); its other keys are not policy.</summary>
internal static class CiliumConfigReader
{
    /// <summary>Whether the object is Cilium's ConfigMap.</summary>
    public static bool IsConfig(string kind, string? name) => kind == CiliumConfig.KindName && name == CiliumConfig.ConfigName;

    /// <summary>The enforcement mode the ConfigMap sets, or null when it sets none (Cilium's default) or an unknown one (an error).</summary>
    public static CiliumConfig? Read(ReadScope scope, YamlTreeMapping root, string ns)
    {
        var node = ReadScope.Get(ReadScope.Get(root, "data"), CiliumConfig.EnforcementKey);
        if (node is null)
        {
            return null;
        }

        var text = scope.String(node, $"data.{CiliumConfig.EnforcementKey}");
        if (CiliumConfig.Parse(text) is not { } mode)
        {
            scope.Error(node, $"data.{CiliumConfig.EnforcementKey}", $"'{text}' is not a policy enforcement mode; Cilium knows default, always and never.");
            return null;
        }

        return new CiliumConfig(ns, mode);
    }
}
