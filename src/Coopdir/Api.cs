using Coopdir.Core.Organizations;
using Coopdir.ApiReference;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;

namespace Coopdir;

/// <summary>What the JSON API shares: problem details, the public JSON shape, the OpenAPI document and its reference page.</summary>
public static class Api
{
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            // The framework's own 413 (a bound JSON body over the limit) names no limit; say which.
            if (c.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge && c.ProblemDetails.Detail is null)
                c.ProblemDetails.Detail = Safety.ClientErrors.TooLargeDetail(c.HttpContext);
        });
        services.AddExceptionHandler<Safety.StoreUnavailable>();
        services.AddExceptionHandler<Safety.ClientErrors>();
        services.ConfigureHttpJsonOptions(o => PublicJson.Configure(o.SerializerOptions));
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Coopdir API";
            document.Info.Description = "An open directory of cooperatives and the organizations around them. " +
                "Errors are RFC 9457 problem details; every record states its source and licence.";
            document.Info.License = new() { Name = "Data: CC BY 4.0 unless a record's source says otherwise; code: AGPL-3.0-or-later" };
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>/openapi/v1.json and the reference page at /api/docs.</summary>
    public static void MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapGet("/api/docs", async ([FromKeyedServices("v1")] IOpenApiDocumentProvider provider, CancellationToken cancellation) =>
                new RazorComponentResult<ApiReferencePage>(new { Model = await ApiReferenceModel.ReadAsync(provider, cancellation) }))
            .ExcludeFromDescription();
    }
}
