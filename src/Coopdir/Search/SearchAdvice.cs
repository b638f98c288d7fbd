using Coopdir.Core.Data;
using Coopdir.Core.Search;

namespace Coopdir.Search;

/// <summary>A way out of a search that found nothing, and how many it finds.</summary>
public sealed record SearchSuggestion(string Text, string Url, int Count);

/// <summary>
/// What to try when a search finds nothing, each counted so that only ways that find something are
/// offered: the words without one of them, a wider radius, the nearest matches however far.
/// (A spelling correction is offered with the results themselves.)
/// </summary>
public static class SearchAdvice
{
    private const int MaxWordsToDrop = 4;

    internal static async Task<IReadOnlyList<SearchSuggestion>> ForAsync(Store store, SearchQuery query, SearchLinks links)
    {
        // The ways out are searched as words, as they were counted: never read again (SearchReading).
        var asTyped = (SearchReading.AsTypedParameter, (string?)"true");
        var tries = new List<(string Text, string Url, SearchQuery Query, bool SameText)>();
        var words = query.Text?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (words.Length is > 1 and <= MaxWordsToDrop)
        {
            foreach (var word in words.Distinct())
            {
                var rest = string.Join(' ', words.Where(w => w != word));
                if (rest.Length > 0) tries.Add(($"Without “{word}”: “{rest}”", links.With(("q", rest), asTyped), query with { Text = rest }, false));
            }
        }
        if (query.RadiusKm is { } radius && query.Near is not null)
        {
            if (SearchPlaces.RadiusChoicesKm.Where(r => r > radius).Select(r => (double?)r).FirstOrDefault() is { } wider)
                tries.Add(($"Within {SearchPlaces.Km(wider)}", links.With(("radius_km", wider.ToString(System.Globalization.CultureInfo.InvariantCulture)), asTyped), query with { RadiusKm = wider }, true));
            // A place's search always has a radius (10 km unless given): "however far" is the widest there is.
            var anywhere = SearchRequest.MaxRadiusKm.ToString(System.Globalization.CultureInfo.InvariantCulture);
            tries.Add(("The nearest, however far", links.With(("radius_km", anywhere), ("sort", "distance"), asTyped), query with { RadiusKm = SearchRequest.MaxRadiusKm }, true));
        }
        if (tries.Count == 0) return [];
        await using var connection = await store.OpenForReadingAsync();
        var parsedText = await store.Search.ParseAsync(connection, query.Text); // typos corrected once for the variants that keep the words
        var suggestions = new List<SearchSuggestion>();
        foreach (var (text, url, changed, sameText) in tries)
        {
            var count = await store.Search.TotalAsync(connection, changed, sameText ? parsedText : null);
            if (count > 0) suggestions.Add(new SearchSuggestion(text, url, count));
        }
        return suggestions;
    }
}
