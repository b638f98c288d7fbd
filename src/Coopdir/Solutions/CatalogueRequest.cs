using System.ComponentModel;
using System.Globalization;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;
using Coopdir.Core.Solutions;
using Microsoft.AspNetCore.Mvc;

namespace Coopdir.Solutions;

/// <summary>A search of the catalogue of solutions as it arrives; <see cref="Parse"/> checks every parameter by its name.</summary>
public sealed record CatalogueRequest
{
    [FromQuery(Name = "q"), Description("Free text over names, descriptions and short descriptions (the directory's search, among solutions)")]
    public string? Q { get; init; }

    [FromQuery(Name = "type"), Description("solution-type codes: software, standard, data, content, ai-model")]
    public string[]? Type { get; init; }

    [FromQuery(Name = "category"), Description("solution-category codes (publiccode.yml categories)")]
    public string[]? Category { get; init; }

    [FromQuery(Name = "licence"), Description("SPDX licence ids: solutions whose licence expression names any of them")]
    public string[]? Licence { get; init; }

    [FromQuery(Name = "status"), Description("development-status codes: concept, development, beta, stable, obsolete")]
    public string[]? Status { get; init; }

    [FromQuery(Name = "language"), Description("Language tags (BCP 47) the solution is available in")]
    public string[]? Language { get; init; }

    [FromQuery(Name = "sdg"), Description("Sustainable Development Goals, 1 to 17")]
    public string[]? Sdg { get; init; }

    [FromQuery(Name = "country"), Description("ISO 3166-1 alpha-2 codes: countries it is meant for, or where an organization using it is")]
    public string[]? Country { get; init; }

    [FromQuery(Name = "maintainer"), Description("Kinds of maintainer: cooperative, digital-service, civic-tech, other")]
    public string[]? Maintainer { get; init; }

    [FromQuery(Name = "sort"), Description("reuse (default: most used first) or name")]
    public string? Sort { get; init; }

    [FromQuery(Name = "page"), Description("1-based page number")]
    public string? Page { get; init; }

    [FromQuery(Name = "page_size"), Description("Results per page, 1 to 100 (default 20)")]
    public string? PageSize { get; init; }

    private const int MaxValues = 50, MaxLicenceLength = 100;

    public (CatalogueQuery? Query, IReadOnlyList<FieldError> Errors) Parse()
    {
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));

        var text = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        if (text is { Length: > Search.SearchRequest.MaxQueryLength }) Add("q", $"is longer than {Search.SearchRequest.MaxQueryLength} characters");

        var filters = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (facet, raw) in new[]
                 {
                     (CatalogueFacets.Type, Type), (CatalogueFacets.Category, Category), (CatalogueFacets.Licence, Licence),
                     (CatalogueFacets.Status, Status), (CatalogueFacets.Language, Language), (CatalogueFacets.Sdg, Sdg),
                     (CatalogueFacets.Country, Country), (CatalogueFacets.Maintainer, Maintainer),
                 })
        {
            var values = Values(raw).ToList();
            if (values.Count > MaxValues) { Add(facet, $"names more than {MaxValues} values"); continue; }
            var codes = new List<string>();
            foreach (var value in values)
                if (Check(facet, value, Add) is { } code) codes.Add(code);
            if (codes.Count > 0) filters[facet] = codes;
        }

        var sort = CatalogueSort.Reuse;
        if (!string.IsNullOrWhiteSpace(Sort) && (!Enum.TryParse(Sort.Trim(), ignoreCase: true, out sort) || int.TryParse(Sort, out _)))
            Add("sort", $"'{Sort}' is not one of reuse, name");

        var page = Integer(Page, "page", 1, 1, 1_000_000, Add);
        var pageSize = Integer(PageSize, "page_size", SearchQuery.DefaultPageSize, 1, SearchQuery.MaxPageSize, Add);
        if (errors.Count > 0) return (null, errors);
        return (new CatalogueQuery { Text = text, Filters = filters, Sort = sort, Page = page, PageSize = pageSize }, errors);
    }

    // A value as the catalogue holds it (a vocabulary's code, an upper-case country), or null with the reason it is not one.
    private static string? Check(string facet, string value, Action<string, string> add)
    {
        switch (facet)
        {
            case CatalogueFacets.Country:
                if (Countries.Normalize(value) is { } country) return country;
                add(facet, $"'{value}' is not an ISO 3166-1 alpha-2 country code");
                return null;
            case CatalogueFacets.Language:
                if (OrganizationValidator.IsLanguageTag(value)) return value;
                add(facet, $"'{value}' is not a language tag (BCP 47, such as de or pt-BR)");
                return null;
            case CatalogueFacets.Licence:
                if (value.Length <= MaxLicenceLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '+' or ':')) return value;
                add(facet, $"'{(value.Length > 80 ? value[..80] + "…" : value)}' is not an SPDX licence id (such as MIT or AGPL-3.0-or-later)");
                return null;
            case CatalogueFacets.Maintainer:
                if (CatalogueFacets.MaintainerKinds.FirstOrDefault(k => k.Code.Equals(value, StringComparison.OrdinalIgnoreCase)).Code is { } kind) return kind;
                add(facet, $"'{value}' is not one of {string.Join(", ", CatalogueFacets.MaintainerKinds.Select(k => k.Code))}");
                return null;
            default:
                var vocabulary = Vocabularies.Find(CatalogueFacets.Find(facet)!.Scheme!)!;
                if (vocabulary.Find(value) is { } term) return term.Code;
                add(facet, $"'{value}' is not in the {vocabulary.Name} vocabulary ({string.Join(", ", vocabulary.Terms.Take(20).Select(t => t.Code))}{(vocabulary.Terms.Count > 20 ? ", …" : "")})");
                return null;
        }
    }

    private static IEnumerable<string> Values(string[]? raw) =>
        (raw ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.OrdinalIgnoreCase);

    private static int Integer(string? raw, string field, int fallback, int min, int max, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        add(field, $"must be a whole number from {min} to {max}");
        return fallback;
    }
}
