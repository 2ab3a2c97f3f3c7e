namespace PolicyEditor.Web.Security;

/// <summary>
/// The headers every response carries, errors included: a Content Security Policy that runs only the app's
/// own scripts (Blazor's, MudBlazor's and the vendored modules under wwwroot; nothing inline, no eval), lets
/// no other site frame the app, and posts forms only to it; no MIME sniffing; and no address sent to other
/// sites as the referrer.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The policy. Styles may be inline: MudBlazor and the graph set style attributes, which cannot run
    /// code. Connections go to the app only (the circuit's WebSocket is same-origin).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    /// <summary>What a page may send as its referrer: the origin, and only over the same or a more secure scheme.</summary>
    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    /// <summary>Adds the headers to every response, at the moment it starts (an error response cleared before that gets them too).</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = ReferrerPolicy;
            return Task.CompletedTask;
        });
        return next();
    });
}
