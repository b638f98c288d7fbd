using System.ComponentModel;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Coopdir.Search;

/// <summary>GET /api/v1/suggest: names and places for the search box as a person types (suggest.js).</summary>
public static class SuggestApi
{
    public const int MaxQueryLength = 100;

    public static void MapSuggest(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/suggest", Suggest)
            .WithTags("Search")
            .WithName("Suggest")
            .WithSummary("Names and places that complete what is typed in a search box");
    }

    private static Results<Ok<SuggestResponse>, ValidationProblem> Suggest(
        [FromQuery(Name = "q"), Description("What has been typed so far")] string? q, Store store)
    {
        var text = q?.Trim() ?? "";
        if (text.Length > MaxQueryLength)
            return Problems.InvalidParameters([new FieldError("q", $"is longer than {MaxQueryLength} characters")]);
        using var connection = store.Open();
        return TypedResults.Ok(SuggestResponse.From(text, store.Search.Suggest(connection, text)));
    }
}

/// <param name="Url">Where choosing the suggestion leads: the organization's page, or a search of that place.</param>
public sealed record NameSuggestionItem(long Id, string Name, string? Place, string Url);

public sealed record PlaceSuggestionItem(string Name, long Count, string Url);

public sealed record SuggestResponse(string Query, IReadOnlyList<NameSuggestionItem> Names, IReadOnlyList<PlaceSuggestionItem> Places)
{
    public static SuggestResponse From(string query, Suggestions suggestions) => new(
        query,
        suggestions.Names.Select(n => new NameSuggestionItem(n.Id, n.Name, PlaceOf(n), $"/organizations/{n.Id}")).ToList(),
        suggestions.Places.Select(p => new PlaceSuggestionItem(p.Name, p.Count, $"/search?locality={Uri.EscapeDataString(p.Name)}")).ToList());

    private static string? PlaceOf(NameSuggestion n)
    {
        var parts = new[] { n.Locality, n.Country is null ? null : Countries.NameOf(n.Country) }.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
}
