using System.Text.Json;
using System.Text.Json.Nodes;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Reconciliation;
using Coopdir.Exports;
using Coopdir.Safety;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Coopdir.Reconciliation;

/// <summary>
/// The W3C / OpenRefine Reconciliation API, version 0.2 (what OpenRefine speaks) at /reconcile: the manifest,
/// matching (queries= as a form field or in the query string), data extension (extend=), property proposals,
/// suggest for entities, types and properties, flyouts and previews. Version 1.0 (draft) is below it at
/// /reconcile/v1 (<see cref="ReconciliationV1Endpoints"/>). Every route allows any origin (CORS) and, for
/// GET, JSONP with callback=; a batch larger than <see cref="ReconcileRequests.BatchSize"/> is refused with 413.
/// </summary>
public static class ReconciliationEndpoints
{
    public const string CorsPolicy = "Reconciliation";

    public static IServiceCollection AddReconciliation(this IServiceCollection services) =>
        services.AddCors(o => o.AddPolicy(CorsPolicy, p => p.AllowAnyOrigin().AllowAnyHeader().WithMethods("GET", "POST")));

    public static void MapReconciliation(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/reconcile").WithTags("Reconciliation").RequireCors(CorsPolicy)
            .AddEndpointFilter(CheckCallback).LimitBody(ReconcileRequests.MaxBodyBytes);
        group.MapGet("", Service).WithName("Reconcile")
            .WithSummary("Reconciliation API 0.2: the manifest; with queries= a batch of matches; with extend= a data extension");
        group.MapPost("", ServiceForm).WithName("ReconcileForm").DisableAntiforgery()
            .WithSummary("Reconciliation API 0.2: queries= or extend= as a form body (what OpenRefine sends)");
        group.MapGet("/suggest/entity", SuggestEntity).WithName("ReconcileSuggestEntity").WithSummary("Organizations whose names start with prefix=");
        group.MapGet("/suggest/type", (string? prefix, HttpContext http) => Suggest(http, prefix, ReconcileJson.SuggestTypes)).WithName("ReconcileSuggestType").WithSummary("Kinds of organization whose names start with prefix=");
        group.MapGet("/suggest/property", (string? prefix, HttpContext http) => Suggest(http, prefix, ReconcileJson.SuggestProperties)).WithName("ReconcileSuggestProperty").WithSummary("Properties whose names start with prefix=");
        group.MapGet("/flyout/entity", Flyout).WithName("ReconcileFlyout").WithSummary("An organization's card as {id, html}");
        group.MapGet("/preview", Preview).WithName("ReconcilePreview").WithSummary("An organization's card, an HTML page to show in an iframe");
        group.MapGet("/propose_properties", (string? type, int? limit, HttpContext http) => Propose(http, type, limit)).WithName("ReconcileProposeProperties").WithSummary("The properties a data extension can fetch for a type");
        group.MapGroup("/v1").MapReconciliationV1();
    }

    private static async Task<IResult> Service(HttpContext http, Store store, IOptions<DirectoryOptions> directory)
    {
        var query = http.Request.Query;
        if (query.ContainsKey("queries")) return await MatchAsync(http, store, ReconcileRequests.ParseV02(query["queries"]));
        if (query.ContainsKey("extend")) return await ExtendAsync(http, store, query["extend"]);
        return ReconcileJson.Reply(http, Manifest(ExportsEndpoints.BaseUrl(http.Request), directory.Value.Name));
    }

    private static async Task<IResult> ServiceForm(HttpContext http, Store store, IOptions<DirectoryOptions> directory)
    {
        IFormCollection form;
        try
        {
            form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : FormCollection.Empty;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge($"The body is larger than {ReconcileRequests.MaxBodyBytes:N0} bytes.");
        }
        catch (InvalidDataException e)
        {
            return Problems.InvalidParameters([new("body", e.Message)]);
        }
        if (form.ContainsKey("queries")) return await MatchAsync(http, store, ReconcileRequests.ParseV02(form["queries"]));
        if (form.ContainsKey("extend")) return await ExtendAsync(http, store, form["extend"]);
        return await Service(http, store, directory);
    }

    public static JsonObject Manifest(string b, string name) => new()
    {
        ["versions"] = new JsonArray("0.2"),
        ["name"] = $"{name}: organizations",
        ["identifierSpace"] = $"{b}/organizations/",
        ["schemaSpace"] = $"{b}/vocabularies/kind",
        ["documentation"] = $"{b}/api/docs",
        ["view"] = new JsonObject { ["url"] = $"{b}/organizations/{{{{id}}}}" },
        ["preview"] = new JsonObject { ["url"] = $"{b}/reconcile/preview?id={{{{id}}}}", ["width"] = ReconcileJson.PreviewWidth, ["height"] = ReconcileJson.PreviewHeight },
        ["defaultTypes"] = ReconcileJson.Types(),
        ["suggest"] = new JsonObject
        {
            ["entity"] = new JsonObject { ["service_url"] = b, ["service_path"] = "/reconcile/suggest/entity", ["flyout_service_path"] = "/reconcile/flyout/entity?id=${id}" },
            ["type"] = new JsonObject { ["service_url"] = b, ["service_path"] = "/reconcile/suggest/type" },
            ["property"] = new JsonObject { ["service_url"] = b, ["service_path"] = "/reconcile/suggest/property" },
        },
        ["extend"] = new JsonObject
        {
            ["propose_properties"] = new JsonObject { ["service_url"] = b, ["service_path"] = "/reconcile/propose_properties" },
            ["property_settings"] = new JsonArray(),
        },
        ["batchSize"] = ReconcileRequests.BatchSize,
    };

    private static async Task<IResult> MatchAsync(HttpContext http, Store store, QueryBatch batch)
    {
        if (Refused(batch.Errors, batch.TooLarge) is { } refused) return refused;
        IReadOnlyList<IReadOnlyList<ReconcileCandidate>> results;
        await using (var connection = await store.OpenForReadingAsync())
            results = await new Reconciler(store.Search).MatchAsync(connection, batch.Queries.Select(q => q.Query).ToList());
        var body = new JsonObject();
        for (var i = 0; i < results.Count; i++)
            body[batch.Queries[i].Key] = new JsonObject { ["result"] = new JsonArray(results[i].Select(c => (JsonNode?)ReconcileJson.Candidate(c)).ToArray()) };
        return ReconcileJson.Reply(http, body);
    }

    private static async Task<IResult> ExtendAsync(HttpContext http, Store store, string? json)
    {
        using var document = ReconcileRequests.Parse(json);
        if (document is null) return Problems.InvalidParameters([new("extend", "is not JSON: send {\"ids\": [...], \"properties\": [{\"id\": ...}]}")]);
        var request = ExtensionRequest.Parse(document.RootElement);
        if (Refused(request.Errors, request.TooLarge) is { } refused) return refused;
        var rows = await ReadExtensionAsync(store, request);
        var body = new JsonObject { ["meta"] = ReconcileJson.Meta(request.Properties), ["rows"] = new JsonObject() };
        foreach (var id in request.Ids.Distinct())
            body["rows"]![id] = new JsonObject(request.Properties.Select(p => KeyValuePair.Create(p.Id,
                (JsonNode?)ReconcileJson.Values(ReconcileJson.ParseId(id) is { } n && rows.TryGetValue(n, out var row) ? row[p.Id] : []))));
        return ReconcileJson.Reply(http, body);
    }

    internal static async Task<Dictionary<long, Dictionary<string, List<ExtensionValue>>>> ReadExtensionAsync(Store store, ExtensionRequest request)
    {
        await using var connection = await store.OpenForReadingAsync();
        return await DataExtension.ExtendAsync(connection, request.Ids.Select(ReconcileJson.ParseId).OfType<long>().ToList(), request.Properties);
    }

    internal static IResult? Refused(IReadOnlyList<FieldError> errors, bool tooLarge) =>
        tooLarge ? TooLarge(errors[0].Message) : errors.Count > 0 ? Problems.InvalidParameters(errors) : null;

    private static IResult TooLarge(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large");

    internal static async Task<IResult> SuggestEntity(string? prefix, HttpContext http, Store store)
    {
        if (PrefixError(prefix) is { } error) return error;
        await using var connection = await store.OpenForReadingAsync();
        var suggestions = await store.Search.SuggestAsync(connection, prefix!);
        return ReconcileJson.Reply(http, ReconcileJson.SuggestEntities(suggestions.Names));
    }

    internal static IResult Suggest(HttpContext http, string? prefix, Func<string, JsonObject> suggest) =>
        PrefixError(prefix) ?? ReconcileJson.Reply(http, suggest(prefix!));

    private static IResult? PrefixError(string? prefix) =>
        string.IsNullOrWhiteSpace(prefix) ? Problems.InvalidParameters([new("prefix", "is required: the text typed so far")])
        : prefix.Length > 100 ? Problems.InvalidParameters([new("prefix", "is longer than 100 characters")]) : null;

    private static async Task<IResult> Flyout(string? id, HttpContext http, Store store)
    {
        if (await FindAsync(store, id) is not { } organization) return UnknownEntity(id);
        return ReconcileJson.Reply(http, new JsonObject { ["id"] = id, ["html"] = PreviewCard.Body(organization, ExportsEndpoints.BaseUrl(http.Request)) });
    }

    internal static async Task<IResult> Preview(string? id, HttpContext http, Store store)
    {
        if (await FindAsync(store, id) is not { } organization) return UnknownEntity(id);
        return TypedResults.Content(PreviewCard.Document(organization, ExportsEndpoints.BaseUrl(http.Request)), "text/html; charset=utf-8");
    }

    internal static IResult Propose(HttpContext http, string? type, int? limit)
    {
        var errors = new List<FieldError>();
        var kinds = type is null ? [] : ReconcileRequests.Kinds(JsonSerializer.SerializeToElement(type), "type", errors);
        if (limit is < 1 or > 100) errors.Add(new("limit", "must be from 1 to 100"));
        return errors.Count > 0 ? Problems.InvalidParameters(errors) : ReconcileJson.Reply(http, ReconcileJson.Proposals(kinds.FirstOrDefault(), limit ?? 100));
    }

    private static async Task<Organization?> FindAsync(Store store, string? id)
    {
        if (ReconcileJson.ParseId(id) is not { } n) return null;
        await using var connection = await store.OpenForReadingAsync();
        return await OrganizationQueries.GetAsync(connection, n);
    }

    private static IResult UnknownEntity(string? id) =>
        string.IsNullOrEmpty(id) ? Problems.InvalidParameters([new("id", "is required: an organization id")]) : Problems.NotFound($"There is no organization with id '{id}'.");

    private static async ValueTask<object?> CheckCallback(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var callback = context.HttpContext.Request.Query["callback"];
        if (callback.Count > 0 && (callback.Count > 1 || !ReconcileJson.IsCallbackName(callback.ToString())))
            return Problems.InvalidParameters([new("callback", "must be one JavaScript function name (letters, digits, _ and $, dotted names allowed), at most 100 characters")]);
        return await next(context);
    }
}
