namespace PolicyEditor.Engine.Evaluation;

/// <summary>
/// A DNS name outside the cluster (<c>api.example.com[DNS]</c>) or every name of a pattern
/// (<c>*.example.com[DNS]</c>), as policies name it: a destination whose addresses are not known before
/// it is resolved, so only rules naming the name (or the whole external address space) decide for it.
/// </summary>
public sealed record DnsEndpoint(string Name) : Endpoint
{
    /// <summary>True when the name is a pattern with <c>*</c>.</summary>
    public bool IsPattern => Name.Contains('*', StringComparison.Ordinal);

    /// <inheritdoc />
    public override string Id => $"{Name}[DNS]";

    /// <inheritdoc />
    public override string ToString() => Id;
}
