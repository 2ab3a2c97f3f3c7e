using System.Text;
using PolicyEditor.Web.Reviews;
using PolicyEditor.Web.Workspace;
using PolicyEditor.Web.Access;

namespace PolicyEditor.Web.Endpoints;

/// <summary>A review as Markdown, ready to paste into a pull request.</summary>
public static class ReviewEndpoints
{
    /// <summary>Maps <c>/reviews/{id}/report.md</c>: the merge record once merged, else the review as it stands; the caller needs the viewer role.</summary>
    public static IEndpointRouteBuilder MapReviewReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reviews/{id:guid}/report.md", async (Guid id, HttpContext http, ReviewService reviews, ICurrentActor current) =>
        {
            try
            {
                var report = await reviews.ReportAsync(id, await current.GetAsync(), http.RequestAborted);
                return Results.File(Encoding.UTF8.GetBytes(report), "text/markdown; charset=utf-8", $"review-{id:N}.md");
            }
            catch (AccessDeniedException e)
            {
                return Results.Text(e.Message, statusCode: StatusCodes.Status403Forbidden);
            }
            catch (KeyNotFoundException e)
            {
                return Results.NotFound(e.Message);
            }
        });
        return app;
    }
}
