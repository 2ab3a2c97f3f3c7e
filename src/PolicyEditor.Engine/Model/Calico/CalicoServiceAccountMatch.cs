namespace PolicyEditor.Engine.Model.Calico;

/// <summary>A rule's <c>serviceAccounts</c>: endpoints running as one of <see cref="Names"/> and/or as a service account whose labels <see cref="Selector"/> matches.</summary>
public sealed record CalicoServiceAccountMatch(ValueArray<string> Names, CalicoSelector? Selector)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        if (!Names.IsEmpty)
        {
            parts.Add($"service accounts {string.Join(", ", Names)}");
        }

        if (Selector is not null)
        {
            parts.Add($"service accounts [{Selector}]");
        }

        return string.Join(" and ", parts);
    }
}
