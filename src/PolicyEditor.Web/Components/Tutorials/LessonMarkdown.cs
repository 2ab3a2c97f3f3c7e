using Markdig;
using Microsoft.AspNetCore.Components;

namespace PolicyEditor.Web.Components.Tutorials;

/// <summary>Lesson text as HTML: CommonMark with tables and emphasis extras; raw HTML in a lesson is shown as text, never run.</summary>
public static class LessonMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().UseEmphasisExtras().Build();

    /// <summary>The Markdown rendered for the page.</summary>
    public static MarkupString ToHtml(string markdown) => new(Markdown.ToHtml(markdown, Pipeline));

    /// <summary>One line of lesson text (a summary) as inline HTML: <c>code</c> and emphasis rendered, no paragraph around it.</summary>
    public static MarkupString ToInlineHtml(string markdown)
    {
        var html = Markdown.ToHtml(markdown, Pipeline).Trim();
        return new(html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal) && html.IndexOf("<p>", 1, StringComparison.Ordinal) < 0
            ? html[3..^4]
            : html);
    }
}
