using System.Text.Json;
using System.Text.Json.Nodes;
using Coopdir.Core.Data;
using Coopdir.Core.Reconciliation;
using Coopdir.Exports;
using Microsoft.Extensions.Options;

namespace Coopdir.Reconciliation;

/// <summary>
/// The Reconciliation API 1.0 (draft) at /reconcile/v1, on its fixed routes: the manifest, /match and
/// /extend (JSON bodies), /extend/propose, /suggest/{entity,property,type} and /preview. It shares the
/// matching, extension and cards of 0.2; only the shapes differ. Everything is in English, which every
/// response says in Content-Language, whatever Accept-Language asks.
/// </summary>
public static class ReconciliationV1Endpoints
{
    private const string Language = "en";

    public static void MapReconciliationV1(this RouteGroupBuilder v1)
    {
        v1.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.ContentLanguage = Language;
            return await next(context);
        });
        v1.MapGet("", (HttpContext http, IOptions<DirectoryOptions> directory) => ReconcileJson.Reply(http, Manifest(ExportsEndpoints.BaseUrl(http.Request), directory.Value.Name)))
            .WithName("ReconcileV1").WithSummary("Reconciliation API 1.0 (draft): the manifest");
        v1.MapPost("/match", Match).WithName("ReconcileV1Match").DisableAntiforgery()
            .WithSummary("A batch of reconciliation queries with conditions (JSON body)");
        v1.MapPost("/extend", Extend).WithName("ReconcileV1Extend").DisableAntiforgery().WithSummary("Property values of reconciled organizations (JSON body)");
        v1.MapGet("/extend/propose", (string? type, int? limit, HttpContext http) => ReconciliationEndpoints.Propose(http, type, limit)).WithName("ReconcileV1Propose").WithSummary("Reconciliation API 1.0: the properties a data extension can fetch for a type");
        v1.MapGet("/suggest/entity", ReconciliationEndpoints.SuggestEntity).WithName("ReconcileV1SuggestEntity").WithSummary("Reconciliation API 1.0: organizations whose names start with prefix=");
        v1.MapGet("/suggest/property", (string? prefix, HttpContext http) => ReconciliationEndpoints.Suggest(http, prefix, ReconcileJson.SuggestProperties)).WithName("ReconcileV1SuggestProperty").WithSummary("Reconciliation API 1.0: properties whose names start with prefix=");
        v1.MapGet("/suggest/type", (string? prefix, HttpContext http) => ReconciliationEndpoints.Suggest(http, prefix, ReconcileJson.SuggestTypes)).WithName("ReconcileV1SuggestType").WithSummary("Reconciliation API 1.0: kinds of organization whose names start with prefix=");
        v1.MapGet("/preview", ReconciliationEndpoints.Preview).WithName("ReconcileV1Preview").WithSummary("Reconciliation API 1.0: an organization's card, an HTML page to show in an iframe");
    }

    public static JsonObject Manifest(string b, string name) => new()
    {
        ["versions"] = new JsonArray("1.0-draft"),
        ["name"] = $"{name}: organizations",
        ["lang"] = Language,
        ["documentation"] = $"{b}/api/docs",
        ["view"] = new JsonObject { ["url"] = $"{b}/organizations/{{id}}" },
        ["preview"] = new JsonObject { ["width"] = ReconcileJson.PreviewWidth, ["height"] = ReconcileJson.PreviewHeight },
        ["defaultTypes"] = ReconcileJson.Types(),
        ["suggest"] = new JsonObject { ["entity"] = true, ["property"] = true, ["type"] = true },
        ["extend"] = new JsonObject { ["proposeProperties"] = true, ["propertySettings"] = new JsonArray() },
        ["batchSize"] = ReconcileRequests.BatchSize,
        ["standardizedScore"] = true,
    };

    private static async Task<IResult> Match(HttpContext http, Store store)
    {
        if (await BodyAsync(http) is not { } parsed) return BadBody();
        using var document = parsed.Document;
        if (parsed.Refusal is { } refusal) return refusal;
        var batch = ReconcileRequests.ParseV1(document!.RootElement);
        if (ReconciliationEndpoints.Refused(batch.Errors, batch.TooLarge) is { } refused) return refused;
        IReadOnlyList<IReadOnlyList<ReconcileCandidate>> results;
        await using (var connection = await store.OpenForReadingAsync())
            results = await new Reconciler(store.Search).MatchAsync(connection, batch.Queries.Select(q => q.Query).ToList());
        return ReconcileJson.Reply(http, new JsonObject
        {
            ["results"] = new JsonArray(results.Select(r => (JsonNode?)new JsonObject
            {
                ["candidates"] = new JsonArray(r.Select(c => (JsonNode?)ReconcileJson.Candidate(c)).ToArray()),
            }).ToArray()),
        });
    }

    private static async Task<IResult> Extend(HttpContext http, Store store)
    {
        if (await BodyAsync(http) is not { } parsed) return BadBody();
        using var document = parsed.Document;
        if (parsed.Refusal is { } refusal) return refusal;
        var request = ExtensionRequest.Parse(document!.RootElement);
        if (ReconciliationEndpoints.Refused(request.Errors, request.TooLarge) is { } refused) return refused;
        var rows = await ReconciliationEndpoints.ReadExtensionAsync(store, request);
        return ReconcileJson.Reply(http, new JsonObject
        {
            ["meta"] = ReconcileJson.Meta(request.Properties),
            ["rows"] = new JsonArray(request.Ids.Distinct().Select(id => (JsonNode?)new JsonObject
            {
                ["id"] = id,
                ["properties"] = new JsonArray(request.Properties.Select(p => (JsonNode?)new JsonObject
                {
                    ["id"] = p.Id,
                    ["values"] = ReconcileJson.Values(ReconcileJson.ParseId(id) is { } n && rows.TryGetValue(n, out var row) ? row[p.Id] : []),
                }).ToArray()),
            }).ToArray()),
        });
    }

    // The body as JSON; a refusal for one too large; null when it is not JSON.
    private static async Task<(JsonDocument? Document, IResult? Refusal)?> BodyAsync(HttpContext http)
    {
        try
        {
            return (await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { MaxDepth = 16 }, http.RequestAborted), null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TypedResults.Problem(detail: $"The body is larger than {ReconcileRequests.MaxBodyBytes:N0} bytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult BadBody() => Problems.InvalidParameters([new("body", "is not JSON: send a JSON object (Content-Type: application/json)")]);
}
