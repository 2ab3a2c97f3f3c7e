using PolicyEditor.Web.Components.Tutorials;

namespace PolicyEditor.Web.Tests.Components.Tutorials;

/// <summary>Lesson summaries in the catalogue are rendered, never shown with their raw Markdown backticks.</summary>
public sealed class LessonMarkdownTests
{
    [Fact]
    public void ASummary_RendersCodeAndEmphasis_WithoutAParagraphAroundIt()
    {
        var html = LessonMarkdown.ToInlineHtml("Write `podSelector: {}` for the *whole* namespace.").Value;

        Assert.Equal("Write <code>podSelector: {}</code> for the <em>whole</em> namespace.", html);
    }
}
