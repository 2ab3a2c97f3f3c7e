using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using PolicyEditor.Web.Accounts;
using PolicyEditor.Web.Security;

namespace PolicyEditor.Web.Extensions;

/// <summary>
/// The web's usual defences (docs/security.md): the sign-in throttle, the addresses of trusted reverse
/// proxies, secure cookies and HSTS over HTTPS, the security headers, and errors a client causes answered
/// as such (400) rather than as the server's failure.
/// </summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>The configuration key of the reverse proxies' networks whose X-Forwarded-For and -Proto are believed (CIDR strings).</summary>
    public const string TrustedProxiesSetting = "ForwardedHeaders:TrustedNetworks";

    private static readonly string TooManyAttempts = PlainPage.Html("Too many attempts",
        "There were too many attempts to sign in, create an account or open an invitation link from your address. Wait a minute, then try again.",
        "/account/login", "Back to sign-in");

    /// <summary>Adds the rate limiter (policy <see cref="SignInThrottle.PolicyName"/>), forwarded headers and the cookie policy.</summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var throttle = SignInThrottle.Read(configuration);
        services.AddSingleton(throttle);
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(SignInThrottle.PolicyName, http => throttle.Partition($"address:{http.Connection.RemoteIpAddress}"));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, cancellationToken) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PolicyEditor.Web.Accounts")
                    .LogWarning("Too many sign-in attempts from {Address}: {Method} {Path} refused", context.HttpContext.Connection.RemoteIpAddress, context.HttpContext.Request.Method, context.HttpContext.Request.Path);
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = "60";
                response.ContentType = "text/html; charset=utf-8";
                return new ValueTask(response.WriteAsync(TooManyAttempts, cancellationToken));
            };
        });

        // Behind a reverse proxy (an ingress), the client's address and scheme come from its headers, which
        // are believed only from the proxy: loopback, and the networks of the setting.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var network in configuration.GetSection(TrustedProxiesSetting).Get<string[]>() ?? [])
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        // Over HTTPS (directly, or at a trusted proxy) every cookie is Secure.
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = CookieSecurePolicy.SameAsRequest;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>
    /// The middleware, first in the pipeline: forwarded headers, security headers, the error pages (a
    /// client's bad request, such as a form whose antiforgery token failed, is a 400 page, not a 500), HSTS and
    /// the cookie policy. Call <c>UseRateLimiter</c> after authentication.
    /// </summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/Error",
                CreateScopeForErrors = true,
                StatusCodeSelector = e => e switch
                {
                    BadHttpRequestException bad => bad.StatusCode,
                    AntiforgeryValidationException => StatusCodes.Status400BadRequest,
                    _ => StatusCodes.Status500InternalServerError,
                },
            });
            app.UseHsts();
        }

        app.UseCookiePolicy();
        return app;
    }
}
