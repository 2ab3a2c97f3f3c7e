namespace PolicyEditor.Web.Storage.Rows;

/// <summary>
/// A comment or a suggestion of a review, one row each (see <see cref="ReviewJson"/>), so that adding one
/// writes one row instead of rewriting the whole review.
/// </summary>
public sealed class ReviewItemRow
{
    public Guid Id { get; set; }

    public Guid ReviewId { get; set; }

    /// <summary>Which list it belongs to (<see cref="ReviewItemKind"/>).</summary>
    public int Kind { get; set; }

    /// <summary>Its place in the review's list, from 0.</summary>
    public int Position { get; set; }

    /// <summary>The comment or suggestion; also the concurrency token (a save names the value it replaces).</summary>
    public string Json { get; set; } = string.Empty;
}

/// <summary>The lists of a review kept in rows of their own.</summary>
public enum ReviewItemKind
{
    Comment = 0,
    Suggestion = 1,
}
