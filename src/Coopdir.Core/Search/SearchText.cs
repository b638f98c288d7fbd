using Coopdir.Core.Organizations;

namespace Coopdir.Core.Search;

/// <summary>The text each store indexes for an organization.</summary>
public static class SearchText
{
    /// <summary>
    /// Only the words of a text, space-separated: what FTS5's unicode61 tokenizer sees. PostgreSQL
    /// indexes this too, so that both stores find the same words (its own parser would, for one,
    /// drop anything that looks like an HTML tag).
    /// </summary>
    public static string Words(string? text) => text is null ? "" : string.Join(' ', FtsQuery.AllWords(text));

    public static string Place(OrganizationContent content) => string.Join(" | ", content.Locations.Select(l => string.Join(" ",
        new[] { l.Locality, l.Region, l.Postcode, l.Country is null ? null : Countries.NameOf(l.Country) }
            .Where(s => !string.IsNullOrWhiteSpace(s)))));
}
