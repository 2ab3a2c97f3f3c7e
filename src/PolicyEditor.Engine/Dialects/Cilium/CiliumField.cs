namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>
/// A field of a Cilium policy kept as written (L7 rules; what the analysis cannot decide statically, such
/// as <c>fromNodes</c>, <c>toGroups</c> or <c>authentication</c>), so that it is shown and written back.
/// </summary>
public sealed record CiliumField(string Key, CiliumValue Value)
{
    /// <summary>The fields that name peers this model cannot decide: nodes by labels, cloud provider groups, required labels.</summary>
    public static readonly IReadOnlySet<string> PeerFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "fromNodes", "toNodes", "toGroups", "fromGroups", "fromRequires", "toRequires",
    };

    /// <summary>True when the field names peers (rather than a condition such as mutual authentication).</summary>
    public bool IsPeer => PeerFields.Contains(Key);

    /// <inheritdoc />
    public override string ToString() => $"{Key}: {Value}";
}
