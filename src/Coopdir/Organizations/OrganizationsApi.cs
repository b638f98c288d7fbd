using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coopdir.Organizations;

public static class OrganizationsApi
{
    public static void MapOrganizations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/organizations/{id}", Get)
            .WithTags("Organizations")
            .WithName("GetOrganization")
            .WithSummary("One organization, the whole record")
            .WithDescription("The ETag is the record's revision number.");

        app.MapGet("/organizations/{id}", OrganizationPageEndpoint.Render).ExcludeFromDescription();
        app.MapGet("/organizations/{id}/murmurations.json", OrganizationPageEndpoint.Murmurations)
            .WithTags("Organizations")
            .WithName("GetMurmurationsProfile")
            .WithSummary("One organization as a Murmurations profile (organizations_schema-v1.0.0)");
    }

    // Read from the primary: clients send this ETag back with their edits.
    private static Results<Ok<OrganizationDetail>, ProblemHttpResult> Get(string id, Store store, HttpResponse response,
        IOptions<DirectoryOptions> directory)
    {
        var organization = Find(store, id, forEditing: true);
        if (organization is null) return Problems.NotFound($"There is no organization with id '{id}'.");
        response.Headers.ETag = $"\"{organization.Revision}\"";
        return TypedResults.Ok(OrganizationDetail.From(organization, Licences.Find(directory.Value.DataLicence)));
    }

    /// <summary>The organization with this id, or null when the id is malformed or unknown.</summary>
    /// <param name="forEditing">Read from the primary rather than a replica that may lag behind.</param>
    public static Organization? Find(Store store, string id, bool forEditing = false)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            return null;
        using var connection = forEditing ? store.Open() : store.OpenForReading();
        return OrganizationQueries.Get(connection, number);
    }
}
