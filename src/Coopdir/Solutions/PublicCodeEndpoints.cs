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
    /// <summary>The largest body the import reads: a zip of files within <see cref="PublicCodeBatch"/>'s limits.</summary>
    public const long MaxBodyBytes = Core.Input.InputLimits.ImportBodyBytes;
    public const string SourceName = "publiccode.yml (API)";

    public static void MapPublicCode(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/solutions").WithTags("Solutions");
        api.MapPost("/import", Import)
            .WithSummary("Import publiccode.yml: one file (text/yaml, application/yaml) or a zip of them (application/zip); all or nothing")
            // No Accepts(...): routing would answer 415 before authorization; the handler checks the type itself.
            .RequireAuthorization(Access.Api(Roles.Editor)).RequireRateLimiting(RateLimits.Writes).LimitBody(MaxBodyBytes);
        api.MapGet("/{id:long}/publiccode.yml", Publiccode).WithSummary("A solution as a publiccode.yml (the latest version of the standard)");
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
        var body = await BodyLimits.ReadAsync(request, MaxBodyBytes);
        if (body is null)
            return TypedResults.Problem(detail: $"The body is over {MaxBodyBytes:N0} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");
        var batch = type == "application/zip"
            ? PublicCodeBatch.ReadZip(new MemoryStream(body), PublicCodeDialect.Standard)
            : PublicCodeBatch.ReadOne("publiccode.yml", body, PublicCodeDialect.Standard);
        if (batch.TooLarge)
            return TypedResults.Problem(detail: string.Join("; ", batch.Files.SelectMany(f => f.Errors.Select(e => $"{f.Name}: {e}"))),
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");
        if (!batch.IsValid) return Invalid(batch.Files);

        var report = await new Importer(store, clock).RunAsync(batch.Parsed,
            new ImportOptions(SourceName, Licences.DirectoryDefault, Author: $"api:{principal.ToUser()!.Name}"));
        if (!report.Written)
            return Invalid(report.Errors.Select(e => new PublicCodeEntry(
                batch.Files.ElementAtOrDefault(e.Line - 1)?.Name ?? "import", [new PublicCodeProblem(e.Field, e.Message)], [])).ToList());
        return TypedResults.Ok(new ImportResponse(batch.Files.Count, report.Added + report.Merged, report.Updated, report.Unchanged,
            report.Links?.Added ?? 0,
            batch.Files.Where(f => f.Warnings.Count > 0).Select(f => new FileWarnings(f.Name, f.Warnings.Select(w => w.ToString()).ToList())).ToList()));
    }

    // 400 with errors keyed "FILE: KEY PATH", so a client can point at the very key of the very file.
    private static IResult Invalid(IReadOnlyList<PublicCodeEntry> files)
    {
        var errors = files.SelectMany(f => f.Errors.Select(e => (Key: e.Path.Length == 0 ? f.Name : $"{f.Name}: {e.Path}", e.Message)))
            .GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return TypedResults.ValidationProblem(errors, title: "Invalid publiccode.yml",
            detail: $"{files.Count(f => f.Errors.Count > 0)} of {files.Count} files are invalid; nothing was imported. " +
                string.Join("; ", files.SelectMany(f => f.Errors.Select(e => $"{f.Name}: {e}")).Take(20)));
    }

    private static async Task<IResult> Publiccode(long id, Store store, HttpRequest request)
    {
        var organization = await OrganizationQueries.FindAsync(store, id);
        if (organization is null || organization.Content.Kind != SolutionRules.Kind)
            return Problems.NotFound($"There is no solution {id}.");
        return TypedResults.Text(PublicCodeWriter.Write(organization, $"{Exports.ExportsEndpoints.BaseUrl(request)}/organizations/{id}"), PublicCodeWriter.MediaType + "; charset=utf-8");
    }
}
