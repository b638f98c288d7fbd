using System.ComponentModel;
using System.Globalization;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Coopdir.Relationships;

/// <summary>
/// The relationships as a graph: an organization's neighbourhood, a network's size and the shortest
/// chain between two organizations (<see cref="RelationshipGraph"/>). Depths and result sizes are
/// bounded, so that no request walks the whole directory.
/// </summary>
public static class GraphEndpoints
{
    public static void MapRelationshipGraph(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Relationships");
        api.MapGet("/organizations/{id:long}/neighbours", Neighbours)
            .WithSummary("Organizations within a few current relationships of one, either way round, nearest first")
            .WithDescription($"depth 1 to {RelationshipGraph.MaxDepth} (default 1); type: relationship types to follow (default all); limit: organizations returned, 1 to {RelationshipGraph.MaxLimit} (default {RelationshipGraph.DefaultLimit}); truncated says the limit cut the walk short.");
        api.MapGet("/organizations/{id:long}/network", Network)
            .WithSummary("How many current members a network has, directly and at any depth");
        api.MapGet("/graph/path", Path)
            .WithSummary("A shortest chain of current relationships between two organizations, either way round")
            .WithDescription($"from, to: organization ids; max_depth 1 to {RelationshipGraph.MaxPathDepth} (default 4); type: relationship types to follow (default all).");
    }

    public sealed record NeighboursQuery
    {
        [FromQuery(Name = "depth"), Description("How many relationships away, 1 to 4 (default 1)")]
        public string? Depth { get; init; }

        [FromQuery(Name = "type"), Description("Relationship types to follow (repeat or comma-separate; default all)")]
        public string[]? Type { get; init; }

        [FromQuery(Name = "limit"), Description("Most organizations returned, 1 to 1000 (default 200)")]
        public string? Limit { get; init; }
    }

    public sealed record PathQuery
    {
        [FromQuery(Name = "from"), Description("Organization id")]
        public string? From { get; init; }

        [FromQuery(Name = "to"), Description("Organization id")]
        public string? To { get; init; }

        [FromQuery(Name = "max_depth"), Description("Longest chain looked for, 1 to 6 (default 4)")]
        public string? MaxDepth { get; init; }

        [FromQuery(Name = "type"), Description("Relationship types to follow (repeat or comma-separate; default all)")]
        public string[]? Type { get; init; }
    }

    private static async Task<Results<Ok<NeighboursResponse>, ValidationProblem, ProblemHttpResult>> Neighbours(
        long id, [AsParameters] NeighboursQuery query, Store store)
    {
        var errors = new List<FieldError>();
        var depth = Integer(query.Depth, "depth", 1, 1, RelationshipGraph.MaxDepth, errors);
        var limit = Integer(query.Limit, "limit", RelationshipGraph.DefaultLimit, 1, RelationshipGraph.MaxLimit, errors);
        var types = Types(query.Type, errors);
        if (errors.Count > 0) return Problems.InvalidParameters(errors);
        await using var connection = await store.OpenForReadingAsync();
        var neighbourhood = await RelationshipGraph.NeighboursAsync(store, connection, id, depth, types, limit);
        return neighbourhood is null
            ? Problems.NotFound($"There is no organization with id '{id}'.")
            : TypedResults.Ok(NeighboursResponse.From(neighbourhood, types, limit));
    }

    private static async Task<Results<Ok<NetworkResponse>, ProblemHttpResult>> Network(long id, Store store)
    {
        await using var connection = await store.OpenForReadingAsync();
        var size = await RelationshipGraph.NetworkAsync(store, connection, id);
        return size is null ? Problems.NotFound($"There is no organization with id '{id}'.") : TypedResults.Ok(NetworkResponse.From(size));
    }

    private static async Task<Results<Ok<PathResponse>, ValidationProblem, ProblemHttpResult>> Path([AsParameters] PathQuery query, Store store)
    {
        var errors = new List<FieldError>();
        var from = Id(query.From, "from", errors);
        var to = Id(query.To, "to", errors);
        var maxDepth = Integer(query.MaxDepth, "max_depth", 4, 1, RelationshipGraph.MaxPathDepth, errors);
        var types = Types(query.Type, errors);
        if (errors.Count > 0) return Problems.InvalidParameters(errors);
        await using var connection = await store.OpenForReadingAsync();
        var (path, unknown) = await RelationshipGraph.PathAsync(store, connection, from, to, maxDepth, types);
        return path is null ? Problems.NotFound($"There is no organization with id '{unknown}'.") : TypedResults.Ok(PathResponse.Of(path));
    }

    private static long Id(string? raw, string field, List<FieldError> errors)
    {
        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return id;
        errors.Add(new FieldError(field, string.IsNullOrWhiteSpace(raw) ? "is required: an organization id" : $"'{raw}' is not an organization id"));
        return 0;
    }

    private static int Integer(string? raw, string field, int fallback, int min, int max, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        errors.Add(new FieldError(field, $"must be a whole number from {min} to {max}"));
        return fallback;
    }

    private static List<string> Types(string[]? raw, List<FieldError> errors)
    {
        var types = (raw ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        foreach (var type in types) RelationshipRules.CheckType(type, "type", (field, message) => errors.Add(new FieldError(field, message)));
        return types;
    }
}
