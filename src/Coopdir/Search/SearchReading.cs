using System.Globalization;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Coopdir.Search;

/// <summary>
/// The search page reads a search's words as filters where they name a type, sector or kind, or end
/// with a place (<see cref="QueryReader"/>), but only when that finds something, and never silently:
/// the page goes to the search it read, with the words as typed in <c>read=</c>, so it can say what it
/// understood, show each filter as a chip to remove, and offer the words searched as typed
/// (<c>as_typed=true</c>, which is never read). A name typed whole stays a name search. The API searches
/// words as they are given.
/// </summary>
public static class SearchReading
{
    public const string ReadParameter = "read";
    public const string AsTypedParameter = "as_typed";

    // A place that names no match close by is looked for further out, as a person would.
    private static readonly IReadOnlyList<double> WideningRadiiKm =
        SearchPlaces.RadiusChoicesKm.Where(r => r >= SearchPlaces.DefaultRadiusKm).Select(r => (double)r).ToList();

    /// <summary>The search the words were read as, when it finds something; null to search the words as typed.</summary>
    internal static async Task<string?> ReadAsync(SearchRequest request, IQueryCollection parameters, Store store)
    {
        var typed = request.Q?.Trim();
        if (string.IsNullOrEmpty(typed) || typed.Length > SearchRequest.MaxQueryLength
            || parameters.ContainsKey(AsTypedParameter) || parameters.ContainsKey(ReadParameter)) return null;
        // A search that already says where is not given a second place.
        var saysWhere = new[] { request.Place, request.Near, request.Bbox }.Any(p => !string.IsNullOrWhiteSpace(p))
            || new[] { request.Country, request.Region, request.Locality, request.Area }.Any(v => v is { Length: > 0 });

        await using var connection = await store.OpenForReadingAsync();
        var reading = await QueryReader.ReadAsync(typed, name => store.Search.KnowsPlaceAsync(connection, name), readPlace: !saysWhere);
        if (!reading.UnderstoodAnything || await NamesAnOrganizationAsync(store, connection, typed)) return null;

        foreach (var radius in reading.Place is null ? [null] : WideningRadiiKm.Cast<double?>())
        {
            var read = request with
            {
                Q = reading.Text,
                Kind = With(request.Kind, reading, Vocabularies.KindName),
                Type = With(request.Type, reading, Vocabularies.TypeName),
                Sector = With(request.Sector, reading, Vocabularies.SectorName),
                Place = reading.Place ?? request.Place,
                RadiusKm = radius?.ToString(CultureInfo.InvariantCulture) ?? request.RadiusKm,
            };
            var parsed = await read.ParseAsync(store);
            if (parsed.Query is null) return null;
            // The place as the directory writes it ("Manchester"), not as the words were normalized.
            if (await store.Search.TotalAsync(connection, parsed.Query) > 0)
                return Url(parameters, read with { Place = parsed.Place?.Name ?? parsed.UnlocatedPlace ?? read.Place }, typed);
        }
        return null;
    }

    /// <summary>The words as typed, searched as words: the notice's way back from a reading.</summary>
    public static string AsTypedUrl(string typed) =>
        QueryHelpers.AddQueryString("/search", new Dictionary<string, string?> { ["q"] = typed, [AsTypedParameter] = "true" });

    // "Manchester Credit Union" is one organization's name, not credit unions near Manchester.
    private static async Task<bool> NamesAnOrganizationAsync(Store store, System.Data.Common.DbConnection connection, string typed)
    {
        var text = await store.Search.ParseAsync(connection, typed);
        if (text is null) return false;
        var top = await store.Search.PageIdsAsync(connection, new SearchQuery { Text = typed, Sort = SearchSort.Relevance, PageSize = 1 }, text);
        if (top.Count == 0) return false;
        var name = await Dapper.SqlMapper.ExecuteScalarAsync<string?>(connection, "SELECT name FROM organizations WHERE id = @id", new { id = top[0] });
        return name is not null && TextQuery.Parse(name)?.NameExact == TextQuery.Parse(typed)?.NameExact;
    }

    private static string[]? With(string[]? given, QueryReading reading, string vocabulary)
    {
        var read = reading.Terms.Where(t => t.Vocabulary == vocabulary).Select(t => t.Code).ToList();
        return read.Count == 0 ? given : [.. given ?? [], .. read];
    }

    private static string Url(IQueryCollection parameters, SearchRequest read, string typed)
    {
        var values = parameters.ToDictionary(kv => kv.Key, kv => kv.Value);
        void Set(string name, StringValues value) { if (StringValues.IsNullOrEmpty(value)) values.Remove(name); else values[name] = value; }
        Set("q", read.Q);
        Set("kind", read.Kind);
        Set("type", read.Type);
        Set("sector", read.Sector);
        Set("place", read.Place);
        Set("radius_km", read.RadiusKm);
        values.Remove("page");
        values[ReadParameter] = typed;
        return QueryHelpers.AddQueryString("/search", values.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v))));
    }
}
