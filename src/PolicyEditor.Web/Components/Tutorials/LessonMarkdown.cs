using Markdig;
using Microsoft.AspNetCore.Components;

namespace PolicyEditor.Web.Components.Tutorials;

/// <summary>Lesson text as HTML: CommonMark with tables and emphasis extras; raw HTML in a lesson is shown as text, never run.</summary>
public static class LessonMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().UseEmphasisExtras().Build();

    /// <summary>The Markdown rendered for the page.</summary>
    public static MarkupString ToHtml(string markdown) => new(Markdown.ToHtml(markdown, Pipeline));
}
