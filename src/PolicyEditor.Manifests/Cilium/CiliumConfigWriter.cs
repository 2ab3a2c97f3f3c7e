using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Manifests.Cilium;

/// <summary>Writes the policy enforcement mode as Cilium's ConfigMap with the one key this model keeps.</summary>
internal static class CiliumConfigWriter
{
    public static void Write(YamlWriter yaml, CiliumConfig config)
    {
        yaml.BeginMap();
        yaml.Header("v1", CiliumConfig.KindName, config.Name, config.Namespace);
        yaml.Key("data");
        yaml.BeginMap();
        yaml.Entry(CiliumConfig.EnforcementKey, config.EnforcementText);
        yaml.EndMap();
        yaml.EndMap();
    }
}
