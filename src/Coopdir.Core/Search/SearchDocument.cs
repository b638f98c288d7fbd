using Coopdir.Core.Organizations;

namespace Coopdir.Core.Search;

/// <summary>
/// What the search indexes hold for one organization. Both stores index exactly these values, so
/// they match and rank the same.
/// </summary>
/// <param name="Text">Every distinct word of name, alternate names, place and descriptions (in every language), plus the
/// English stems that differ from their word: the full-text document.</param>
/// <param name="Name">The name's stems without legal forms or a leading "the": exact and prefix ranking compare with this.</param>
/// <param name="Head">The stems of name, alternate names and place: "all words in the name or place" ranking.</param>
/// <param name="Completeness">How many of the main fields are filled in: ranks fuller records first among equals.</param>
/// <param name="Terms">Words of names and places that typo correction may offer.</param>
public sealed record SearchDocument(string Text, string Name, string Head, int Completeness, IReadOnlyList<string> Terms)
{
    public const int MinTermLength = 4;

    public static SearchDocument For(OrganizationContent content)
    {
        var name = SearchWords.Of(content.Name);
        var alternate = content.AlternateNames.SelectMany(SearchWords.Of).ToList();
        var place = SearchWords.Of(SearchText.Place(content));
        var description = SearchWords.Of(content.Description).Concat(content.DescriptionsByLanguage.SelectMany(d => SearchWords.Of(d.Text)))
            .Concat((content.Solution?.Texts ?? []).SelectMany(t => SearchWords.Of(t.ShortDescription)));

        // Every distinct word in order, then each stem that is neither a word nor an earlier stem.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var text = new List<string>();
        foreach (var word in name.Concat(alternate).Concat(place).Concat(description))
        {
            if (seen.Add(word)) text.Add(word);
        }
        var wordCount = text.Count;
        for (var i = 0; i < wordCount; i++)
        {
            var stem = SearchWords.Stem(text[i]);
            if (seen.Add(stem)) text.Add(stem);
        }
        var nameStems = name.Where(w => !SearchWords.IsLegalForm(w)).Select(SearchWords.Stem).ToList();
        // "The Phone Co-op" is found as "phone co-op" too.
        if (nameStems.Count > 1 && nameStems[0] == "the") nameStems.RemoveAt(0);
        var head = name.Concat(alternate).Concat(place).Select(SearchWords.Stem).Distinct();
        var terms = name.Concat(alternate).Concat(place).Where(w => w.Length >= MinTermLength).Distinct().ToList();

        return new SearchDocument(
            string.Join(' ', text),
            string.Join(' ', nameStems),
            string.Join(' ', head),
            CountFilled(content),
            terms);
    }

    private static int CountFilled(OrganizationContent c) =>
        new[]
        {
            !string.IsNullOrWhiteSpace(c.Description), c.Website is not null, c.Email is not null || c.Phone is not null,
            c.Locations.Any(l => l.HasCoordinates), c.Locations.Any(l => l.Locality is not null), c.Types.Count > 0,
            c.Sector is not null, c.FoundedOn is not null, c.Status == OrganizationStatus.Active, c.Identifiers.Count > 0,
        }.Count(filled => filled);
}
