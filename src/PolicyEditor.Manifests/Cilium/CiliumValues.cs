using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Manifests.Cilium;

/// <summary>Keeps a YAML value as written (<see cref="CiliumValue"/>), for the fields shown and written back rather than analysed.</summary>
internal static class CiliumValues
{
    /// <summary>The value of a YAML node.</summary>
    public static CiliumValue From(YamlTreeNode node) => node switch
    {
        YamlTreeMapping m => CiliumValue.Map(m.Entries.Select(e => new CiliumField(e.Key.Value, From(e.Value)))),
        YamlTreeSequence s => CiliumValue.List(s.Items.Select(From)),
        YamlTreeScalar s => CiliumValue.Of(s.Value),
        _ => CiliumValue.Of(string.Empty),
    };
}
