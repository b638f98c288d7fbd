using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Coopdir.Core.Solutions;
using Coopdir.Core.Solutions.PublicCode;
using Coopdir.Safety;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Solutions;

/// <summary>
/// publiccode.yml in and out of the API: an editor imports one file (text/yaml) or a zip of them, all or nothing, as
/// <c>coopdir import --format publiccode</c> does; anyone reads a solution as a publiccode.yml.
/// </summary>
public static class PublicCodeEndpoints
{
    public const string SourceName = "publiccode.yml (API)";
    private const long UploadEnvelopeBytes = 64 * 1024;

    public static void MapPublicCode(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/solutions").WithTags("Solutions");
        api.MapPost("/import", Import)
            .WithSummary("Import publiccode.yml: one file (text/yaml, application/yaml) or a zip of them (application/zip); all or nothing")
            // No Accepts(...): routing would answer 415 before authorization; the handler checks the type itself.
            .RequireAuthorization(Access.Api(Roles.Editor)).RequireRateLimiting(RateLimits.Writes).LimitBody(PublicCodeImport.MaxBodyBytes);
        api.MapGet("/{id:long}/publiccode.yml", Publiccode).WithSummary("A solution as a publiccode.yml (the latest version of the standard)");

        // The same import for an editor in the browser: a file field, then what was imported or each problem by file and key.
        var page = app.MapGroup("/solutions/import").ExcludeFromDescription().RequireAntiforgery()
            .RequireAuthorization(Access.Web(Roles.Editor));
        page.MapGet("", () => new RazorComponentResult<PublicCodeUploadPage>());
        // The multipart envelope and the antiforgery field travel with the file.
        page.MapPost("", Upload).RequireRateLimiting(RateLimits.Writes).LimitBody(PublicCodeImport.MaxBodyBytes + UploadEnvelopeBytes);
    }

    /// <param name="Files">Each file read, with its problems by key path.</param>
    public sealed record ImportResponse(int Files, int Added, int Updated, int Unchanged, int Relationships, IReadOnlyList<FileWarnings> Warnings);

    public sealed record FileWarnings(string File, IReadOnlyList<string> Warnings);

    private static async Task<IResult> Import(HttpRequest request, ClaimsPrincipal principal, Store store, TimeProvider clock)
    {
        var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is not ("text/yaml" or "application/yaml" or "application/x-yaml" or "application/zip"))
            return TypedResults.Problem(detail: "Send one publiccode.yml as text/yaml (or application/yaml), or a zip of them as application/zip.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        var body = await BodyLimits.ReadAsync(request, PublicCodeImport.MaxBodyBytes);
        if (body is null) return TooLarge($"The body is over {PublicCodeImport.MaxBodyBytes:N0} bytes.");
        return await PublicCodeImport.RunAsync(body, "publiccode.yml", $"api:{principal.ToUser()!.Name}", store, clock) switch
        {
            PublicCodeImport.TooLarge tooLarge => TooLarge(tooLarge.Detail),
            PublicCodeImport.Invalid invalid => TypedResults.ValidationProblem(invalid.ByKey(), title: "Invalid publiccode.yml",
                detail: $"{invalid.InvalidFiles} of {invalid.Files.Count} files are invalid; nothing was imported. " +
                    string.Join("; ", invalid.Files.SelectMany(f => f.Errors.Select(e => $"{f.Name}: {e}")).Take(20))),
            PublicCodeImport.Imported done => TypedResults.Ok(new ImportResponse(done.Files, done.Added, done.Updated, done.Unchanged, done.Relationships,
                done.WithWarnings.Select(f => new FileWarnings(f.Name, f.Warnings.Select(w => w.ToString()).ToList())).ToList())),
            _ => throw new InvalidOperationException("Every import outcome is answered above."),
        };
    }

    private static async Task<IResult> Upload(HttpRequest request, ClaimsPrincipal principal, Store store, TimeProvider clock)
    {
        if (!request.HasFormContentType) return UploadPage(StatusCodes.Status400BadRequest, new { Missing = true });
        if (request.ContentLength > PublicCodeImport.MaxBodyBytes + UploadEnvelopeBytes)
            return UploadPage(StatusCodes.Status413PayloadTooLarge, new { TooLarge = $"The file is over {PublicCodeImport.MaxBodyBytes:N0} bytes." });
        var file = (await request.ReadFormAsync()).Files.GetFile("file");
        if (file is null || file.Length == 0)
            return UploadPage(StatusCodes.Status400BadRequest, new { Missing = true });
        if (file.Length > PublicCodeImport.MaxBodyBytes)
            return UploadPage(StatusCodes.Status413PayloadTooLarge, new { TooLarge = $"{file.FileName} is over {PublicCodeImport.MaxBodyBytes:N0} bytes." });
        var body = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(body);
        var name = Path.GetFileName(file.FileName) is { Length: > 0 and <= 200 } given ? given : "publiccode.yml";
        return await PublicCodeImport.RunAsync(body, name, principal.ToUser()!.Name, store, clock) switch
        {
            PublicCodeImport.TooLarge tooLarge => UploadPage(StatusCodes.Status413PayloadTooLarge, new { TooLarge = tooLarge.Detail }),
            PublicCodeImport.Invalid invalid => UploadPage(StatusCodes.Status400BadRequest, new { Invalid = invalid }),
            PublicCodeImport.Imported done => UploadPage(StatusCodes.Status200OK, new { Imported = done }),
            _ => throw new InvalidOperationException("Every import outcome is answered above."),
        };
    }

    private static RazorComponentResult<PublicCodeUploadPage> UploadPage(int status, object parameters) => new(parameters) { StatusCode = status };

    private static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");

    private static async Task<IResult> Publiccode(long id, Store store, HttpRequest request)
    {
        var organization = await OrganizationQueries.FindAsync(store, id);
        if (organization is null || organization.Content.Kind != SolutionRules.Kind)
            return Problems.NotFound($"There is no solution {id}.");
        return TypedResults.Text(PublicCodeWriter.Write(organization, $"{Exports.ExportsEndpoints.BaseUrl(request)}/organizations/{id}"), PublicCodeWriter.MediaType + "; charset=utf-8");
    }
}
