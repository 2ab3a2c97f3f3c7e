using System.Text;
using PolicyEditor.Web.Export;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Endpoints;

/// <summary>Downloads of a workspace's policies (the export menu links here).</summary>
public static class ExportEndpoints
{
    /// <summary>Maps <c>/workspaces/{id}/export/policies.yaml</c>, <c>policies.zip</c> and <c>changed.yaml</c>; each checks the caller may view the workspace.</summary>
    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/workspaces/{id:guid}/export");
        group.MapGet("/policies.yaml", (Guid id, HttpContext http) => Serve(http, id, s => Yaml(PolicyExport.AllPolicies(s.Draft), $"{FileName(s)}-policies.yaml")));
        group.MapGet("/policies.zip", (Guid id, HttpContext http) => Serve(http, id, s => Results.File(PolicyExport.Zip(s.Draft), "application/zip", $"{FileName(s)}-policies.zip")));
        group.MapGet("/changed.yaml", (Guid id, HttpContext http) => Serve(http, id, s => Yaml(PolicyExport.ChangedPolicies(s.Baseline.Cluster, s.Draft), $"{FileName(s)}-changed.yaml")));
        return app;
    }

    private static async Task<IResult> Serve(HttpContext http, Guid id, Func<WorkspaceState, IResult> export)
    {
        // The caller's role first: a workspace they may not see is not even looked up.
        var services = http.RequestServices;
        var actor = await services.GetRequiredService<ICurrentActor>().GetAsync();
        try
        {
            await services.GetRequiredService<WorkspaceAccess>().DemandAsync(id, actor, Permission.View, http.RequestAborted);
        }
        catch (AccessDeniedException e)
        {
            return Results.Text(e.Message, statusCode: StatusCodes.Status403Forbidden);
        }

        var state = await services.GetRequiredService<WorkspaceService>().GetAsync(id, http.RequestAborted);
        if (state is null)
        {
            return Results.NotFound($"There is no workspace {id}.");
        }

        try
        {
            return export(state);
        }
        catch (ArgumentException e)
        {
            // A name that cannot be a file name (see PolicyExport.Zip): said, not failed.
            return Results.Text(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
    }

    private static IResult Yaml(string text, string name) => Results.File(Encoding.UTF8.GetBytes(text), "application/yaml; charset=utf-8", name);

    /// <summary>A file name from the workspace's name: letters, digits and dashes.</summary>
    private static string FileName(WorkspaceState state)
    {
        var name = new string(state.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (name.Contains("--", StringComparison.Ordinal))
        {
            name = name.Replace("--", "-", StringComparison.Ordinal);
        }

        return name.Length == 0 ? "workspace" : name;
    }
}
