namespace PolicyEditor.Web.Reviews;

/// <summary>
/// How much people may write into one review (configuration section <c>Reviews</c>): every comment and
/// suggestion is kept and shown to everyone in the review, and the Markdown record carries them all.
/// </summary>
public sealed class ReviewOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Reviews";

    /// <summary>Longest comment, reply, decision note or suggestion description, in characters.</summary>
    public int MaxCommentCharacters { get; set; } = 4_000;

    /// <summary>Most comments (threads and replies together) in one review.</summary>
    public int MaxComments { get; set; } = 500;

    /// <summary>Most suggestions in one review.</summary>
    public int MaxSuggestions { get; set; } = 100;

    /// <summary>Longest review title, in characters.</summary>
    public int MaxTitleCharacters { get; set; } = 200;
}
