using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Shared;

/// <summary>
/// Bodies for bare error statuses (no matching route, wrong method): problem details for the API and
/// for clients that do not ask for HTML, a page for people.
/// </summary>
public static class ErrorResponses
{
    public static void UseErrorResponses(this WebApplication app) =>
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var wantsPage = !http.Request.Path.StartsWithSegments("/api")
                && http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
            if (wantsPage && http.Response.StatusCode == StatusCodes.Status404NotFound)
            {
                await new RazorComponentResult<NotFoundPage>(new { }) { StatusCode = StatusCodes.Status404NotFound }.ExecuteAsync(http);
                return;
            }
            await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                .WriteAsync(new ProblemDetailsContext { HttpContext = http });
        });
}
