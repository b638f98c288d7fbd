using Coopdir.Core.Data;
using Coopdir.Core.Exports;
using Coopdir.Core.Organizations;
using Coopdir.Exports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coopdir.Organizations;

/// <summary>
/// One organization: the API's record, its Murmurations profile, and its page at /organizations/{id},
/// which serves people and machines alike (see <see cref="OrganizationPages"/>).
/// </summary>
public static class OrganizationsEndpoints
{
    public static void MapOrganizations(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Organizations");
        api.MapGet("/api/v1/organizations/{id}", Get)
            .WithName("GetOrganization")
            .WithSummary("One organization, the whole record")
            .WithDescription("The ETag is the record's revision number.");
        api.MapGet("/organizations/{id}/murmurations.json", Murmurations)
            .WithName("GetMurmurationsProfile")
            .WithSummary("One organization as a Murmurations profile (organizations_schema-v1.0.0; a community currency also complementary_currencies-v2.0.0)");

        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/organizations/{id}", OrganizationPages.Show);
    }

    // Read from the primary: clients send this ETag back with their edits.
    private static async Task<Results<Ok<OrganizationDetail>, ProblemHttpResult>> Get(string id, Store store, HttpResponse response,
        IOptions<DirectoryOptions> directory, Freshness freshness)
    {
        var organization = await FindAsync(store, id, forEditing: true);
        if (organization is null) return Problems.NotFound($"There is no organization with id '{id}'.");
        response.Headers.ETag = $"\"{organization.Revision}\"";
        return TypedResults.Ok(OrganizationDetail.From(organization, Licences.Find(directory.Value.DataLicence), freshness, await AreasAsync(store)));
    }

    /// <summary>The organization as a Murmurations profile.</summary>
    private static async Task<Results<Ok<System.Text.Json.Nodes.JsonObject>, ProblemHttpResult>> Murmurations(
        string id, Store store, HttpRequest request, IOptions<DirectoryOptions> directory, TimeProvider clock)
    {
        var organization = await FindAsync(store, id);
        if (organization is null) return Problems.NotFound($"There is no organization with id '{id}'.");
        return TypedResults.Ok(MurmurationsProfile.For(organization, ContextFor(request, store, directory.Value, clock)));
    }

    /// <summary>The organization with the id of this feature's URLs, or null when the id is malformed or unknown (both a 404).</summary>
    internal static async Task<Organization?> FindAsync(Store store, string id, bool forEditing = false) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? await OrganizationQueries.FindAsync(store, number, forEditing)
            : null;

    // Only the directory's name, licence and address matter for one record; no organizations are streamed.
    internal static ExportContext ContextFor(HttpRequest request, Store store, DirectoryOptions directory, TimeProvider clock) =>
        new([], (_, _) => [], [], directory.Name, Licences.Find(directory.DataLicence)!, ExportsEndpoints.BaseUrl(request), clock.GetUtcNow(), clock.GetUtcNow());

    /// <summary>The directory's areas, to name the one each location of a record resolves to.</summary>
    internal static async Task<Core.Areas.AreaGazetteer> AreasAsync(Store store)
    {
        await using var connection = await store.OpenForReadingAsync();
        return await store.Areas.CurrentAsync(connection);
    }
}
