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

    // A place named for certain ("Manchester", "in Leeds") with no match close by is looked for further out.
    private static readonly IReadOnlyList<double> WideningRadiiKm =
        SearchPlaces.RadiusChoicesKm.Where(r => r >= SearchPlaces.DefaultRadiusKm).Select(r => (double)r).ToList();

    /// <summary>The search the words were read as, when it finds something; null to search the words as typed.</summary>
    internal static async Task<string?> ReadAsync(SearchRequest request, IQueryCollection parameters, Store store)
    {
        var typed = request.Q?.Trim();
        if (string.IsNullOrEmpty(typed) || typed.Length > SearchRequest.MaxQueryLength
            || parameters.ContainsKey(AsTypedParameter) || parameters.ContainsKey(ReadParameter)) return null;
        // A search that already says where is not given a second place, nor a type widened to "any of" two.
        var saysWhere = new[] { request.Place, request.Near, request.Bbox }.Any(p => !string.IsNullOrWhiteSpace(p))
            || new[] { request.Country, request.Region, request.Locality, request.Area }.Any(v => v is { Length: > 0 });
        var filtered = new[] { (Vocabularies.KindName, request.Kind), (Vocabularies.TypeName, request.Type), (Vocabularies.SectorName, request.Sector) }
            .Where(f => f.Item2 is { Length: > 0 }).Select(f => f.Item1).ToList();

        await using var connection = await store.OpenForReadingAsync();
        var reading = await QueryReader.ReadAsync(typed, name => store.Search.KnowsPlaceAsync(connection, name), readPlace: !saysWhere, filtered);
        if (!reading.UnderstoodAnything) return null;

        var read = request with
        {
            Q = reading.Text,
            Kind = Adding(request.Kind, reading, Vocabularies.KindName),
            Type = Adding(request.Type, reading, Vocabularies.TypeName),
            Sector = Adding(request.Sector, reading, Vocabularies.SectorName),
            Place = reading.Place ?? request.Place,
        };
        var parsed = await read.ParseAsync(store);
        if (parsed.Query is not { } query) return null;
        var text = await store.Search.ParseAsync(connection, query.Text);
        IEnumerable<double?> radii = reading.Place is null || parsed.Place is null ? [query.RadiusKm]
            : reading.PlaceIsCertain ? WideningRadiiKm.Cast<double?>() : [SearchPlaces.DefaultRadiusKm];
        foreach (var radius in radii)
        {
            if (await store.Search.TotalAsync(connection, query with { RadiusKm = radius }, text) == 0) continue;
            if (await NamesAnOrganizationAsync(store, connection, typed)) return null;
            // The place as the directory writes it ("Manchester"), not as the words were normalized.
            var place = parsed.Place?.Name ?? parsed.UnlocatedPlace ?? read.Place;
            var radiusKm = reading.Place is not null && parsed.Place is not null ? radius?.ToString(CultureInfo.InvariantCulture) : request.RadiusKm;
            return Url(parameters, read with { Place = place, RadiusKm = radiusKm }, typed);
        }
        return null;
    }

    /// <summary>
    /// The words as typed, searched as words, with the rest of the search but what the reading added (read
    /// again from the words, as it was: the terms they name, and the place when it is the page's).
    /// </summary>
    public static async Task<string> AsTypedUrlAsync(IQueryCollection parameters, string typed)
    {
        var place = parameters["place"].ToString();
        var reading = await QueryReader.ReadAsync(typed, name => Task.FromResult(string.Join(' ', SearchWords.Of(place)) == name), readPlace: place.Length > 0);
        var values = parameters.Where(kv => kv.Key != ReadParameter).ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var vocabulary in new[] { Vocabularies.KindName, Vocabularies.TypeName, Vocabularies.SectorName })
        {
            var added = reading.Terms.Where(t => t.Vocabulary == vocabulary).Select(t => t.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (values.TryGetValue(vocabulary, out var given)) values[vocabulary] = given.Where(v => v is not null && !added.Contains(v)).ToArray();
        }
        if (reading.Place is not null) { values.Remove("place"); values.Remove("radius_km"); }
        foreach (var name in new[] { "q", "page", AsTypedParameter }) values.Remove(name);
        return Link(new Dictionary<string, StringValues> { ["q"] = typed }.Concat(values).Append(new(AsTypedParameter, "true")));
    }

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

    // A read term is one more value of its filter (the reading never adds to a filter already given).
    private static string[]? Adding(string[]? given, QueryReading reading, string vocabulary)
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
        return Link(values);
    }

    private static string Link(IEnumerable<KeyValuePair<string, StringValues>> values) =>
        QueryHelpers.AddQueryString("/search", values.SelectMany(kv => kv.Value.Where(v => !string.IsNullOrEmpty(v)).Select(v => new KeyValuePair<string, string?>(kv.Key, v))));
}
