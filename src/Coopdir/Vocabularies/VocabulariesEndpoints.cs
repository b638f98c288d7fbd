using Coopdir.Core.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using CoreVocabularies = Coopdir.Core.Organizations.Vocabularies;

// Not Coopdir.Vocabularies: a namespace of that name would hide the Core Vocabularies class from code elsewhere under Coopdir.
namespace Coopdir.VocabularyPublishing;

/// <summary>
/// The vocabularies at stable URLs: /vocabularies and /vocabularies/{name}, as a page, JSON or SKOS
/// JSON-LD, chosen by the Accept header or by a .json / .jsonld suffix.
/// </summary>
public static class VocabulariesEndpoints
{
    private enum Format { Html, Json, JsonLd }

    public static void MapVocabularies(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Vocabularies");
        group.MapGet("/vocabularies", (HttpContext http) => All(http, Negotiate(http.Request)))
            .WithName("Vocabularies").WithSummary("Every vocabulary: a page, JSON (Accept: application/json) or SKOS JSON-LD (Accept: application/ld+json)");
        group.MapGet("/vocabularies.json", (HttpContext http) => All(http, Format.Json)).WithName("VocabulariesJson").WithSummary("Every vocabulary as JSON");
        group.MapGet("/vocabularies.jsonld", (HttpContext http) => All(http, Format.JsonLd)).WithName("VocabulariesJsonLd").WithSummary("Every vocabulary as SKOS in JSON-LD");
        group.MapGet("/vocabularies/{name}", One)
            .WithName("Vocabulary").WithSummary("One vocabulary (kind, type, sector); add .json or .jsonld, or negotiate with Accept");
    }

    private static IResult All(HttpContext http, Format format)
    {
        var iris = VocabularyIris.For(http.Request);
        http.Response.Headers.Vary = HeaderNames.Accept;
        return format switch
        {
            Format.Json => TypedResults.Json(new VocabularyList(CoreVocabularies.All.Select(v => VocabularyDocument.From(v, iris)).ToList()), PublicJson.Options),
            Format.JsonLd => TypedResults.Text(VocabularySkos.Document(CoreVocabularies.All, iris).ToJsonString(PublicJson.Options), VocabularySkos.MediaType),
            _ => new RazorComponentResult<VocabulariesPage>(new { Vocabularies = CoreVocabularies.All.ToList() }),
        };
    }

    private static IResult One(string name, HttpContext http)
    {
        var (code, format) = name switch
        {
            _ when name.EndsWith(".jsonld", StringComparison.Ordinal) => (name[..^".jsonld".Length], Format.JsonLd),
            _ when name.EndsWith(".json", StringComparison.Ordinal) => (name[..^".json".Length], Format.Json),
            _ => (name, Negotiate(http.Request)),
        };
        if (CoreVocabularies.Find(code) is not { } vocabulary) return TypedResults.NotFound();
        var iris = VocabularyIris.For(http.Request);
        http.Response.Headers.Vary = HeaderNames.Accept;
        return format switch
        {
            Format.Json => TypedResults.Json(VocabularyDocument.From(vocabulary, iris), PublicJson.Options),
            Format.JsonLd => TypedResults.Text(VocabularySkos.Document([vocabulary], iris).ToJsonString(PublicJson.Options), VocabularySkos.MediaType),
            _ => new RazorComponentResult<VocabularyPage>(new { Vocabulary = vocabulary, Iris = iris }),
        };
    }

    // The client's most preferred of the three; a browser (or no Accept at all) gets the page.
    private static Format Negotiate(HttpRequest request)
    {
        foreach (var accept in request.GetTypedHeaders().Accept.OrderByDescending(a => a.Quality ?? 1))
        {
            if (accept.MediaType.Equals("application/ld+json", StringComparison.OrdinalIgnoreCase)) return Format.JsonLd;
            if (accept.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)) return Format.Json;
            if (accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)) return Format.Html;
        }
        return Format.Html;
    }
}
