using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Relationships;
using Coopdir.Exports;
using Coopdir.Safety;
using Coopdir.Shared;

namespace Coopdir.Relationships;

/// <summary>
/// Reading, on request, the relationships an organization publishes on its verified website (Coopdir's
/// file or its Murmurations profile), over the API and from the button on its page. Any contributor may ask:
/// a read records only the organization's own statements, never the asker's, so it needs no more trust than
/// an account; its own rate limit keeps it from hammering the organization's website.
/// </summary>
public static class PublishedRelationshipsEndpoints
{
    public const int MaxBodyBytes = Core.Input.InputLimits.MinimalBodyBytes;

    public static void MapPublishedRelationships(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/organizations/{id:long}/published-relationships/read", Read).WithTags("Relationships")
            .RequireAuthorization(Access.Api(Roles.Contributor)).RequireRateLimiting(RateLimits.WebsiteReads)
            .Produces<PublishedReadingDetail>()
            .WithSummary("Read the relationships the organization publishes on its verified website, and record them as its own")
            .WithDescription($"Reads <website>{PublishedRelationships.WellKnownPath}, or with a body {{\"murmurations_profile_url\": ...}} the organization's Murmurations profile on the same website. 200 with each entry's outcome (recorded, unchanged, not_recorded with errors); 422 when the website is not verified or the file cannot be read or is not valid (nothing recorded).");

        var pages = app.MapGroup("").ExcludeFromDescription().RequireAntiforgery()
            .RequireAuthorization(Access.Web(Roles.Contributor)).RequireRateLimiting(RateLimits.WebsiteReads);
        pages.MapPost("/organizations/{id:long}/published-relationships/read", PublishedRelationshipPages.Read);
    }

    private static async Task<IResult> Read(long id, HttpRequest request, ClaimsPrincipal principal, PublishedRelationshipReader reader, CancellationToken cancellation)
    {
        var body = new ReadPublishedRequest();
        if (request.ContentLength is not 0)
        {
            var (value, problem) = await JsonBody.ReadAsync<ReadPublishedRequest>(request, MaxBodyBytes);
            if (problem is not null) return problem;
            body = value!;
        }
        var result = await reader.ReadAsync(principal.ToUser()!, id, DirectoryOf(request), body.MurmurationsProfileUrl, cancellation);
        return result.Outcome switch
        {
            PublishedReadOutcome.Read => TypedResults.Ok(PublishedReadingDetail.From(result.Reading!)),
            PublishedReadOutcome.NotFound => Problems.NotFound(result.Detail!),
            PublishedReadOutcome.Invalid => Problems.InvalidParameters(result.Errors!),
            _ => TypedResults.Problem(detail: result.Detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing was read",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = result.Errors!.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                }),
        };
    }

    /// <summary>This directory's address as the request reached it, so entries may name organizations by their address here.</summary>
    internal static Uri DirectoryOf(HttpRequest request) => new(ExportsEndpoints.BaseUrl(request) + "/");
}
