namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>An item of <c>toFQDNs</c> (or of an L7 <c>dns</c> rule): one name (<c>matchName</c>) or a pattern with <c>*</c> (<c>matchPattern</c>).</summary>
public sealed record CiliumFqdn(string? MatchName, string? MatchPattern)
{
    /// <summary>The DNS peer's name: lower case, without the trailing dot.</summary>
    public string PeerName => Normalize(MatchName ?? MatchPattern ?? string.Empty);

    /// <summary>True for a pattern.</summary>
    public bool IsPattern => MatchName is null;

    /// <summary>A name as DNS peers are written: lower case, no trailing dot.</summary>
    public static string Normalize(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();

    /// <summary>
    /// Whether a DNS name (or, for a pattern peer, every name of that pattern) is selected: a name matches
    /// itself; <c>*</c> alone matches every name; <c>*</c> inside a label matches 0 or more characters but
    /// no dot; a leading <c>**.</c> matches one or more labels.
    /// </summary>
    public bool Selects(string peerName, bool peerIsPattern)
    {
        if (MatchName is not null)
        {
            return !peerIsPattern && PeerName == peerName;
        }

        var pattern = PeerName;
        if (pattern == "*")
        {
            return true;
        }

        // A pattern peer stands for names this model does not know one by one: a pattern selects it when it takes in all of them.
        return peerIsPattern ? DnsPattern.Covers(pattern, peerName) : DnsPattern.Matches(pattern, peerName);
    }

    /// <inheritdoc />
    public override string ToString() => MatchName is not null ? $"name {MatchName}" : $"pattern {MatchPattern}";
}
