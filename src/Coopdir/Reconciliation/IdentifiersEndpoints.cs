using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Exports;
using Microsoft.Net.Http.Headers;

namespace Coopdir.Reconciliation;

/// <summary>
/// The identifier crosswalk, one identifier at a time: GET /api/v1/identifiers/{scheme}/{value} answers the
/// organization carrying it, with every other identifier it carries (JSON), or sends a browser to its page (301).
/// </summary>
public static class IdentifiersEndpoints
{
    public static void MapIdentifiers(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/identifiers").WithTags("Identifiers");
        api.MapGet("/{scheme}/{**value}", Find).WithName("Identifier")
            .WithSummary("The organization carrying an identifier, and its other identifiers (a browser asking for HTML is sent to its page)")
            .WithDescription("scheme is a code of the identifier-scheme vocabulary (/vocabularies/identifier-scheme), in any case; value must match the scheme's pattern.");
    }

    private static async Task<IResult> Find(string scheme, string? value, HttpContext http, Store store)
    {
        if (IdentifierSchemes.Find(scheme) is not { } known)
            return Problems.NotFound($"There is no identifier scheme '{scheme}'; the schemes are {string.Join(", ", IdentifierSchemes.All.Select(s => s.Code))}.");
        value = value?.Trim() ?? "";
        if (value.Length > 200 || !known.IsValid(value))
            return Problems.InvalidParameters([new("value", $"'{(value.Length > 200 ? value[..200] + "…" : value)}' is not a {known.Label}: it must match {known.Pattern}")]);
        List<Organization> found;
        await using (var connection = await store.OpenForReadingAsync()) found = await IdentifierLookup.FindAsync(connection, known, value);
        if (found.Count == 0) return Problems.NotFound($"No organization carries {known.Label} '{value}'.");
        http.Response.Headers.Vary = HeaderNames.Accept;
        if (found.Count == 1 && WantsPage(http.Request)) return TypedResults.Redirect($"/organizations/{found[0].Slug}", permanent: true);
        var b = ExportsEndpoints.BaseUrl(http.Request);
        return TypedResults.Ok(new IdentifierAnswer(known.Code, value, known.UriOf(value),
            found.Select(o => new IdentifiedOrganization(o.Id, o.Slug, o.Content.Name, $"{b}/organizations/{o.Slug}",
                o.Content.Identifiers.Select(i => new CrosswalkIdentifier(i.Scheme, i.Value, IdentifierSchemes.Find(i.Scheme)?.Label,
                    IdentifierSchemes.Find(i.Scheme)?.UriOf(i.Value))).ToList())).ToList()));
    }

    // A browser (HTML preferred to JSON) is sent to the page; API clients, and anyone who does not say, get JSON.
    private static bool WantsPage(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept.OrderByDescending(a => a.Quality ?? 1).FirstOrDefault(a =>
            a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) || a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
        return accept?.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) == true;
    }
}

public sealed record IdentifierAnswer(string Scheme, string Value, string? Uri, IReadOnlyList<IdentifiedOrganization> Organizations);

public sealed record IdentifiedOrganization(long Id, string Slug, string Name, string Url, IReadOnlyList<CrosswalkIdentifier> Identifiers);

public sealed record CrosswalkIdentifier(string Scheme, string Value, string? Label, string? Uri);
