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
        }).AddOperationTransformer((operation, context, _) =>
        {
            operation.OperationId ??= OperationId(context.Description.HttpMethod ?? "get", context.Description.RelativePath ?? "");
            // Each route says what it does in its summary; the description repeats it where nothing longer is written.
            operation.Description ??= operation.Summary;
            return Task.CompletedTask;
        }).AddSchemaTransformer((schema, _, _) =>
        {
            // A list of mixed tuples (map points are [id, latitude, longitude, name]) has items of any type, said explicitly.
            if (schema.Type is { } type && type.HasFlag(Microsoft.OpenApi.JsonSchemaType.Array) && schema.Items is null)
                schema.Items = new Microsoft.OpenApi.OpenApiSchema();
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>
    /// A stable id from the method and the route, as clients' generators name their functions:
    /// GET api/v1/organizations/{id}/revisions is getOrganizationsByIdRevisions.
    /// </summary>
    public static string OperationId(string method, string route)
    {
        var words = route.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipWhile(w => w is "api" or "v1")
            .SelectMany(w => w.StartsWith('{') ? ["by", w.Trim('{', '}').Split(':')[0]] : w.Split('-', '_', '.'));
        return method.ToLowerInvariant() + string.Concat(words.Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
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
