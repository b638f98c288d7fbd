using Coopdir.Core.Organizations;
using Coopdir.Core.Search;

namespace Coopdir.Bench;

public sealed record BenchQuery(string Category, SearchQuery Query);

/// <summary>
/// The fixed query mix, drawn with a fixed seed from the generated directory itself, so that every
/// text query finds something:
/// one word, two words, phrase (three words of one name), as-you-type prefix (3–5 letters), a typo
/// (two neighbouring letters swapped), facets only (country + type), text + facets, near + radius
/// (10 km), bbox (±0.2°), text + near (25 km). Pathological: the most frequent words, one- and
/// two-letter prefixes, a ten-word OR, and FTS syntax junk.
/// </summary>
public static class QueryMix
{
    public static readonly string[] Pathological =
        ["co-operative", "limited", "coop ltd", "a", "co", "b", "st", "bread OR milk OR housing OR energy OR bank OR cafe OR shop OR farm OR pub OR club",
         "\"", "NEAR(", "*", "{", "co-op* \"limited\" NEAR(a b)"];

    public static List<BenchQuery> Normal(IReadOnlyList<OrganizationContent> sample, int perCategory, int seed = 7)
    {
        var random = new Random(seed);
        var named = sample.Where(o => Significant(o).Count >= 3).ToList();
        var located = sample.Where(o => o.Locations.Any(l => l.HasCoordinates)).ToList();
        string Word(OrganizationContent o) => Significant(o).OrderBy(_ => random.Next()).First();
        var queries = new List<BenchQuery>();
        for (var i = 0; i < perCategory; i++)
        {
            var a = named[random.Next(named.Count)];
            var words = Significant(a);
            var place = located[random.Next(located.Count)].Locations.First(l => l.HasCoordinates);
            var near = new GeoPoint(place.Latitude!.Value, place.Longitude!.Value);
            var word = Word(a);
            queries.Add(new("one word", Text(word)));
            queries.Add(new("two words", Text($"{words[0]} {words[1]}")));
            queries.Add(new("phrase", Text(string.Join(' ', words.Take(3)))));
            queries.Add(new("prefix", Text(word[..Math.Min(word.Length, 3 + random.Next(3))])));
            queries.Add(new("typo", Text(Swap(words.OrderByDescending(w => w.Length).First(), random))));
            queries.Add(new("facets", new SearchQuery { Countries = [place.Country!], Types = [a.Types.FirstOrDefault() ?? "worker"] }));
            queries.Add(new("text+facets", new SearchQuery { Text = word, Countries = [a.Locations[0].Country!], Sort = SearchSort.Relevance }));
            queries.Add(new("near", new SearchQuery { Near = near, RadiusKm = 10, Sort = SearchSort.Distance }));
            queries.Add(new("bbox", new SearchQuery { Bbox = new BoundingBox(near.Longitude - 0.2, near.Latitude - 0.2, near.Longitude + 0.2, near.Latitude + 0.2) }));
            queries.Add(new("text+near", new SearchQuery { Text = word, Near = near, RadiusKm = 25, Sort = SearchSort.Relevance }));
        }
        return queries;
    }

    public static List<BenchQuery> PathologicalQueries() =>
        Pathological.Select(q => new BenchQuery("pathological", Text(q))).ToList();

    public static bool IsText(string category) => category is "one word" or "two words" or "phrase" or "prefix";

    public static bool IsGeo(string category) => category is "near" or "bbox";

    private static SearchQuery Text(string text) => new() { Text = text, Sort = SearchSort.Relevance };

    private static List<string> Significant(OrganizationContent o) =>
        SearchWords.Of(o.Name).Where(w => !SearchWords.IsOptional(w) && w.Length > 1 && w.All(char.IsAsciiLetterLower)).DefaultIfEmpty("bread").ToList();

    private static string Swap(string word, Random random)
    {
        if (word.Length < 5) return word;
        var i = 1 + random.Next(word.Length - 2);
        var letters = word.ToCharArray();
        (letters[i], letters[i + 1]) = (letters[i + 1], letters[i]);
        return new string(letters);
    }
}
