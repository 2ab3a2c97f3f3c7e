using MudBlazor.Services;
using PolicyEditor.Web.Components;
using PolicyEditor.Web.Endpoints;
using PolicyEditor.Web.Extensions;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,

    // The app always runs from its build or publish output (dotnet run, the browser tests, the container
    // image), and everything it reads is copied there: appsettings, wwwroot, the bundled samples. Rooting
    // at the app's own folder makes the current directory irrelevant.
    ContentRootPath = AppContext.BaseDirectory,
    WebRootPath = "wwwroot",
});

// Serves static web assets (our wwwroot, MudBlazor's _content) from a build output in every environment,
// not only in Development; a published app has no such manifest and this does nothing.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddHealthChecks();
builder.Services.AddScaleOut(builder.Configuration);
builder.Services.AddWorkspace(builder.Configuration);
builder.Services.AddStorage(builder.Configuration);
builder.Services.AddImport(builder.Configuration);
builder.Services.AddExplorer();
builder.Services.AddTutorials(builder.Configuration);
builder.Services.AddReviews();
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddSecurity(builder.Configuration);

var app = builder.Build();

// The database is created, or its tables brought up to date, before the first request.
await app.Services.MigrateStorageAsync();

// Forwarded headers, security headers on every response, error pages (400 for a client's bad request), HSTS, secure cookies.
app.UseSecurity();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

// Everything needs a signed-in user once an account exists (see AddAccounts), except what a sign-in
// page itself needs.
app.MapStaticAssets().AllowAnonymous();
app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapAccounts();
app.MapExport();
app.MapReviewReports();
app.MapHub<PolicyEditor.Web.Hubs.WorkspaceHub>("/hubs/workspace");
// The app's own Content-Security-Policy (SecurityHeaders) carries frame-ancestors; Blazor's second header would only repeat it.
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

await app.RunAsync();
