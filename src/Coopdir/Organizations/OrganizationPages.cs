using System.Text.Encodings.Web;
using System.Text.Json;
using Coopdir.Accounts;
using Coopdir.Core.Claims;
using Coopdir.Core.Data;
using Coopdir.Core.Exports;
using Coopdir.Core.Organizations;
using Coopdir.Exports;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Coopdir.Organizations;

/// <summary>
/// An organization's URL serves people and machines: HTML by default, the API's JSON for
/// application/json and JSON-LD for application/ld+json (content negotiation on Accept).
/// </summary>
public static class OrganizationPages
{
    // JavaScriptEncoder.Default escapes <, > and &, so the JSON-LD can never close its script element.
    private static readonly JsonSerializerOptions JsonLdOptions = new() { Encoder = JavaScriptEncoder.Default };

    private const string Html = "text/html";
    private static readonly string[] Offered = [Html, "application/json", JsonLdExport.MediaType];

    internal static async Task<IResult> Show(string id, Store store, HttpContext http, IOptions<DirectoryOptions> directory, TimeProvider clock,
        Freshness freshness)
    {
        var request = http.Request;
        http.Response.Headers.Vary = HeaderNames.Accept;
        var wanted = Negotiate(request);
        var organization = await OrganizationsEndpoints.FindAsync(store, id);
        // A record merged into another leads there, whichever representation is asked for.
        if (organization is null && await MergedIntoAsync(store, id) is { } survivor)
            return TypedResults.Redirect($"/organizations/{survivor}", permanent: true);
        if (organization is null)
            return wanted == Html
                ? new RazorComponentResult<NotFoundPage>(new { Message = $"There is no organization with id '{id}'." }) { StatusCode = StatusCodes.Status404NotFound }
                : Problems.NotFound($"There is no organization with id '{id}'.");

        if (wanted == "application/json")
        {
            http.Response.Headers.ETag = $"\"{organization.Revision}\"";
            return TypedResults.Ok(OrganizationDetail.From(organization, Licences.Find(directory.Value.DataLicence), freshness, await OrganizationsEndpoints.AreasAsync(store)));
        }
        var context = OrganizationsEndpoints.ContextFor(request, store, directory.Value, clock);
        if (wanted == JsonLdExport.MediaType)
            return TypedResults.Text(JsonLdExport.Document(organization, context).ToJsonString(), JsonLdExport.MediaType);

        var origin = Shared.PublicUrl.Of(request);
        var jsonLd = SchemaOrg.Organization(organization, $"{origin}/organizations/{organization.Id}", other => $"{origin}/organizations/{other}")
            .ToJsonString(JsonLdOptions);
        var areas = await OrganizationsEndpoints.AreasAsync(store);
        return new RazorComponentResult<OrganizationPage>(new
        {
            Organization = organization,
            JsonLd = jsonLd,
            Areas = organization.Content.Locations.Select(l => areas.Resolve(l.Country, l.Region, l.Locality).Area).ToList(),
            CanReadPublished = http.User.ToUser() is not null && await CanReadPublishedAsync(store, organization.Id),
            PendingProposals = await PendingProposalsAsync(store, organization.Id),
        });
    }

    private static async Task<IReadOnlyList<long>> PendingProposalsAsync(Store store, long id)
    {
        await using var connection = await store.OpenForReadingAsync();
        return await Core.Edits.Proposals.PendingForAsync(connection, id);
    }

    private static async Task<long?> MergedIntoAsync(Store store, string id)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)) return null;
        await using var connection = await store.OpenForReadingAsync();
        return await OrganizationQueries.MergedIntoAsync(connection, number);
    }

    // Only asked for signed-in readers: everyone else's page view costs no extra query.
    private static async Task<bool> CanReadPublishedAsync(Store store, long id)
    {
        await using var connection = await store.OpenForReadingAsync();
        return await ListingClaims.IsWebsiteVerifiedAsync(connection, id);
    }

    /// <summary>The offered type the client prefers most (by q, then by its order); HTML when it has no preference.</summary>
    private static string Negotiate(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) || accepted.Count == 0) return Html;
        var best = accepted
            .Select((a, order) => (Type: Offered.FirstOrDefault(o => a.MatchesMediaType(o)) ?? (a.MatchesAllTypes ? Html : null), Quality: a.Quality ?? 1, Order: order))
            .Where(a => a.Type is not null && a.Quality > 0)
            .OrderByDescending(a => a.Quality).ThenBy(a => a.Order)
            .FirstOrDefault();
        return best.Type ?? Html;
    }
}
