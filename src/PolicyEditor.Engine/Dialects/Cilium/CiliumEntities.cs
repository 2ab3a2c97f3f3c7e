namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>Cilium's entities (<c>fromEntities</c>/<c>toEntities</c>) and the special peers they stand for.</summary>
public static class CiliumEntities
{
    /// <summary>The entities that are special peers of their own, <c>{name}</c>.</summary>
    public static readonly IReadOnlyList<string> Specials = ["host", "remote-node", "kube-apiserver", "health", "init", "unmanaged", "ingress"];

    /// <summary>Every entity the documentation defines.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(
        ["all", "world", "world-ipv4", "world-ipv6", "cluster", .. Specials], StringComparer.Ordinal);

    /// <summary>The special peers an entity names: itself, all of them for <c>cluster</c> and <c>all</c>, none for the world.</summary>
    public static IEnumerable<string> SpecialsOf(string entity) => entity switch
    {
        "cluster" or "all" => Specials,
        _ when Specials.Contains(entity) => [entity],
        _ => [],
    };
}
