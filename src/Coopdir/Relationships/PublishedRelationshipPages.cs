using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Relationships;

/// <summary>The organization page's "Read from its website" button: the same read as the API, its report as a page.</summary>
public static class PublishedRelationshipPages
{
    internal static async Task<IResult> Read(long id, IFormCollection form, HttpRequest request, ClaimsPrincipal principal, Store store,
        PublishedRelationshipReader reader, CancellationToken cancellation)
    {
        var profile = form["murmurations_profile_url"].ToString().Trim();
        var result = await reader.ReadAsync(principal.ToUser()!, id, PublishedRelationshipsEndpoints.DirectoryOf(request),
            profile.Length == 0 ? null : profile, cancellation);
        if (result.Outcome == PublishedReadOutcome.NotFound || await OrganizationQueries.FindAsync(store, id) is not { } organization)
            return NotFoundPages.Organization(id);
        return new RazorComponentResult<PublishedReadingPage>(new
        {
            Organization = organization,
            result.Reading,
            Errors = result.Errors ?? [],
            result.Detail,
        })
        {
            StatusCode = result.Outcome switch
            {
                PublishedReadOutcome.Read => StatusCodes.Status200OK,
                PublishedReadOutcome.Invalid => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status422UnprocessableEntity,
            },
        };
    }
}
