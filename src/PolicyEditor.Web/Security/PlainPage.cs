using System.Net;

namespace PolicyEditor.Web.Security;

/// <summary>
/// A page of its own for answers the app gives before any component can render one (too many attempts, a
/// refused form): a title, a sentence and a link, in plain HTML with no script.
/// </summary>
public static class PlainPage
{
    /// <summary>The page's HTML; every text is encoded.</summary>
    public static string Html(string title, string message, string link, string linkText) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)} · PolicyEditor</title></head>
        <body style="font-family: sans-serif; max-width: 40rem; margin: 4rem auto;">
        <h1>{WebUtility.HtmlEncode(title)}</h1>
        <p>{WebUtility.HtmlEncode(message)}</p>
        <p><a href="{WebUtility.HtmlEncode(link)}">{WebUtility.HtmlEncode(linkText)}</a></p>
        </body></html>
        """;
}
