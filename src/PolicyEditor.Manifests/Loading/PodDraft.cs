namespace PolicyEditor.Manifests.Loading;

/// <summary>A Pod as read, before it is grouped with the other pods of its owner.</summary>
internal sealed record PodDraft(string Namespace, string Name, PodTemplate Template, string? OwnerKind, string? OwnerName, SourceLocation Location)
{
    /// <summary>The pod's Otterize name annotation, if any.</summary>
    public string? IdentityName { get; init; }
}
