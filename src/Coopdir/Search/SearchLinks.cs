using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Coopdir.Search;

/// <summary>Builds search URLs from the current query string: add or remove a filter, go to a page.</summary>
public sealed class SearchLinks(IQueryCollection query, string path = "/search")
{
    public string Current => Build(Copy());

    public bool IsSelected(string parameter, string value) =>
        ValuesOf(parameter).Contains(value, StringComparer.OrdinalIgnoreCase);

    public string Toggle(string parameter, string value)
    {
        var values = Copy();
        var current = ValuesOf(parameter).ToList();
        var next = current.Contains(value, StringComparer.OrdinalIgnoreCase)
            ? current.Where(v => !string.Equals(v, value, StringComparison.OrdinalIgnoreCase)).ToList()
            : [.. current, value];
        values[parameter] = new StringValues(next.ToArray());
        values.Remove("page");
        return Build(values);
    }

    /// <summary>The search with a single-valued filter set to <paramref name="value"/>, or without it when null.</summary>
    public string With(string parameter, string? value) => With((parameter, value));

    /// <summary>The search with each single-valued parameter set, or removed where its value is null.</summary>
    public string With(params (string Parameter, string? Value)[] changes)
    {
        var values = Copy();
        foreach (var (parameter, value) in changes)
        {
            if (value is null) values.Remove(parameter); else values[parameter] = value;
        }
        values.Remove("page");
        return Build(values);
    }

    /// <summary>The search without one value of a parameter that is only ever repeated (area ids may hold commas).</summary>
    public string WithoutValue(string parameter, string value)
    {
        var values = Copy();
        values[parameter] = new StringValues(RepeatedValuesOf(parameter).Where(v => v != value).ToArray());
        values.Remove("page");
        return Build(values);
    }

    /// <summary>The search without its place and radius (nor a distance order, which needs a place).</summary>
    public string WithoutPlace => Without("place", "radius_km", SearchPlaces.IsDistance(Get("sort")) ? "sort" : "place");

    /// <summary>The same words without any filter.</summary>
    public string WithoutFilters =>
        Build(query.Where(kv => kv.Key is "q" or "page_size" or SearchReading.AsTypedParameter).ToDictionary(kv => kv.Key, kv => kv.Value));

    /// <summary>Every parameter but the words and the page: what a new search from the page's form keeps (new words may be read afresh).</summary>
    public IEnumerable<(string Name, string Value)> Filters => Except("q", "page", SearchReading.AsTypedParameter);

    public string Page(int page)
    {
        var values = Copy();
        values["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Build(values);
    }

    /// <summary>The same search against another endpoint, e.g. the map points API.</summary>
    public string For(string otherPath)
    {
        var values = Copy();
        values.Remove("page");
        values.Remove("page_size");
        values.Remove(SearchReading.AsTypedParameter); // the API and exports search words as given
        return new SearchLinks(query, otherPath).Build(values);
    }

    /// <summary>Every parameter but <paramref name="except"/>, as name and value pairs: hidden fields that keep the rest of the search in a form.</summary>
    public IEnumerable<(string Name, string Value)> Except(params string[] except) =>
        query.Where(kv => kv.Key != SearchReading.ReadParameter && !except.Contains(kv.Key, StringComparer.OrdinalIgnoreCase))
            .SelectMany(kv => kv.Value.Where(v => !string.IsNullOrEmpty(v)).Select(v => (kv.Key, v!)));

    /// <summary>The search without <paramref name="except"/> (nor its page).</summary>
    public string Without(params string[] except)
    {
        var values = Copy();
        foreach (var parameter in except.Append("page")) values.Remove(parameter);
        return Build(values);
    }

    public string? Get(string parameter) => query.TryGetValue(parameter, out var v) ? v.ToString() : null;

    /// <summary>The values of a parameter, repeated or comma-separated.</summary>
    public IEnumerable<string> ValuesOf(string parameter) =>
        RepeatedValuesOf(parameter).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct();

    public IEnumerable<string> RepeatedValuesOf(string parameter) =>
        query.TryGetValue(parameter, out var v) ? v.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()) : [];

    // What the words were read as (SearchReading) describes this page only: a changed search is not that reading.
    private Dictionary<string, StringValues> Copy() =>
        query.Where(kv => kv.Key != SearchReading.ReadParameter).ToDictionary(kv => kv.Key, kv => kv.Value);

    private string Build(Dictionary<string, StringValues> values) =>
        QueryHelpers.AddQueryString(path, values
            .Where(kv => kv.Value.Count > 0)
            .SelectMany(kv => kv.Value.Where(v => !string.IsNullOrEmpty(v)).Select(v => new KeyValuePair<string, string?>(kv.Key, v))));
}
