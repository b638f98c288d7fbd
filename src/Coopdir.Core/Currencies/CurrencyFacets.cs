using Coopdir.Core.Organizations;

namespace Coopdir.Core.Currencies;

/// <summary>
/// One facet of a community currency: a classification scheme whose codes are the vocabulary of the same
/// name (the Murmurations complementary-currency typology), and the Murmurations field it stands for.
/// </summary>
public sealed record CurrencyFacet(string Scheme, string MurmurationsField, bool Multiple)
{
    public Vocabulary Vocabulary => Vocabularies.Find(Scheme)!;
}

/// <summary>
/// The facets a community currency is described by, kept as the record's classifications (one scheme a
/// facet) so that edits, history, merges and exports carry them as they carry any classification. Only an
/// organization of the kind <see cref="Kind"/> has them; its launch year is its founding date.
/// </summary>
public static class CurrencyFacets
{
    public const string Kind = "currency";
    private const string SchemePrefix = "cc-";

    public static readonly IReadOnlyList<CurrencyFacet> All =
    [
        new("cc-monetary-model", "monetary_model", Multiple: false),
        new("cc-unit-of-account", "unit_of_account_type", Multiple: false),
        new("cc-convertibility", "convert_to_legal_money", Multiple: false),
        new("cc-accounting-tech", "accounting_tech", Multiple: false),
        new("cc-movement", "movement", Multiple: false),
        new("cc-cost-recovery", "cost_recovery", Multiple: true),
    ];

    public static CurrencyFacet? Find(string scheme) => All.FirstOrDefault(f => f.Scheme == scheme);

    /// <summary>The codes a record holds for a facet, in the vocabulary's order (the store keeps no order of classifications).</summary>
    public static IReadOnlyList<string> CodesOf(OrganizationContent c, CurrencyFacet facet)
    {
        var terms = facet.Vocabulary.Terms.Select(t => t.Code).ToList();
        return c.Classifications.Where(x => x.Scheme == facet.Scheme).Select(x => x.Code).Distinct()
            .OrderBy(code => terms.IndexOf(code) is var i and >= 0 ? i : int.MaxValue).ThenBy(code => code, StringComparer.Ordinal).ToList();
    }

    /// <summary>The year the currency was launched: its founding date's year.</summary>
    public static int? LaunchYear(OrganizationContent c) =>
        c.FoundedOn is { Length: >= 4 } founded && int.TryParse(founded.AsSpan(0, 4), out var year) ? year : null;

    /// <summary>
    /// Facets are on currencies only, each a known facet with a code of its vocabulary, and at most one code
    /// of a single-valued facet. Schemes starting "cc-" are reserved for them.
    /// </summary>
    public static void Check(OrganizationContent c, Action<string, string> add)
    {
        for (var i = 0; i < c.Classifications.Count; i++)
        {
            var (scheme, code) = c.Classifications[i];
            if (scheme is null || !scheme.StartsWith(SchemePrefix, StringComparison.OrdinalIgnoreCase)) continue;
            var at = $"classifications[{i}]";
            if (Find(scheme) is not { } facet)
            {
                add($"{at}.scheme", $"'{scheme}' is not a community currency facet ({string.Join(", ", All.Select(f => f.Scheme))})");
                continue;
            }
            if (c.Kind != Kind)
                add($"{at}.scheme", $"{scheme} is a community currency facet: only an organization of kind {Kind} has it");
            if (facet.Vocabulary.Terms.All(t => t.Code != code))
                add($"{at}.code", $"'{code}' is not in the {scheme} vocabulary ({string.Join(", ", facet.Vocabulary.Terms.Select(t => t.Code))})");
            else if (!facet.Multiple && c.Classifications.Take(i).Any(x => x.Scheme == scheme))
                add($"{at}.code", $"{scheme} holds one code, and '{code}' is a second");
        }
    }
}
