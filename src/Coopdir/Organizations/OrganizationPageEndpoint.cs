using System.Text.Encodings.Web;
using System.Text.Json;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Organizations;

public static class OrganizationPageEndpoint
{
    // JavaScriptEncoder.Default escapes <, > and &, so the JSON-LD can never close its script element.
    private static readonly JsonSerializerOptions JsonLdOptions = new() { Encoder = JavaScriptEncoder.Default };

    public static IResult Render(string id, Store store, HttpRequest request)
    {
        var organization = OrganizationsApi.Find(store, id);
        if (organization is null)
            return new RazorComponentResult<NotFoundPage>(new { Message = $"There is no organization with id '{id}'." })
            {
                StatusCode = StatusCodes.Status404NotFound,
            };

        var origin = $"{request.Scheme}://{request.Host}";
        var jsonLd = SchemaOrg.Organization(organization, $"{origin}/organizations/{organization.Id}", other => $"{origin}/organizations/{other}")
            .ToJsonString(JsonLdOptions);
        return new RazorComponentResult<OrganizationPage>(new { Organization = organization, JsonLd = jsonLd });
    }
}
