using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Synthesis;

/// <summary>A working copy of a cluster's NetworkPolicies that records which ones a synthesis changed.</summary>
internal sealed class PolicyDraft
{
    private readonly Cluster _cluster;
    private readonly Dictionary<string, NetworkPolicy?> _changed = new(StringComparer.Ordinal);

    public PolicyDraft(Cluster cluster) => _cluster = cluster;

    /// <summary>The current version of every policy.</summary>
    public IEnumerable<NetworkPolicy> Policies =>
        _cluster.NetworkPolicies.Select(p => _changed.TryGetValue(p.Id, out var c) ? c : p).OfType<NetworkPolicy>()
            .Concat(_changed.Values.OfType<NetworkPolicy>().Where(p => _cluster.FindPolicy(p.Namespace, p.Name) is null));

    public void Set(NetworkPolicy policy) => _changed[policy.Id] = policy;

    public void Delete(NetworkPolicy policy) => _changed[policy.Id] = null;

    /// <summary>A policy name not yet taken in the namespace, from a readable base.</summary>
    public string UniqueName(string ns, string baseName)
    {
        var name = Trim(baseName);
        for (var i = 2; Policies.Any(p => p.Namespace == ns && p.Name == name); i++)
        {
            name = Trim(baseName, $"-{i}");
        }

        return name;
    }

    /// <summary>Whether <paramref name="name"/> is what <see cref="UniqueName"/> makes of <paramref name="baseName"/> (itself, or with a <c>-N</c> suffix).</summary>
    public static bool IsNameFrom(string name, string baseName)
    {
        var clean = Trim(baseName);
        if (name == clean)
        {
            return true;
        }

        var dash = name.LastIndexOf('-');
        return dash > 0 && int.TryParse(name.AsSpan(dash + 1), out var n) && n >= 2 && name == Trim(baseName, $"-{n}");
    }

    /// <summary>The changes made, in a stable order.</summary>
    public IReadOnlyList<PolicyChange> Changes() =>
        [.. _changed.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c =>
        {
            var slash = c.Key.IndexOf('/', StringComparison.Ordinal);
            return new PolicyChange(c.Key[..slash], c.Key[(slash + 1)..], c.Value);
        })];

    /// <summary>The cluster with the changes applied.</summary>
    public Cluster Apply() => Changes().Aggregate(_cluster, (cluster, change) => cluster.Apply(change));

    /// <summary>A valid object name made of a readable base (lower case, letters, digits, '-' and '.'), with room for <paramref name="suffix"/>.</summary>
    internal static string Trim(string name, string suffix = "")
    {
        var clean = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-')]).Trim('-', '.');
        while (clean.Contains("--", StringComparison.Ordinal))
        {
            clean = clean.Replace("--", "-", StringComparison.Ordinal);
        }

        var max = 63 - suffix.Length;
        return (clean.Length > max ? clean[..max].TrimEnd('-', '.') : clean) + suffix;
    }
}
