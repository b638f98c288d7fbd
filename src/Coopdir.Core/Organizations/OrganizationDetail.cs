using Coopdir.Core.Relationships;
using Coopdir.Core.Sources;

namespace Coopdir.Core.Organizations;

/// <summary>
/// The public JSON of one whole organization: what GET /api/v1/organizations/{id} returns and what
/// a JSON Lines export writes per line. A contract of its own, mapped by hand from the stored record.
/// <see cref="Licence"/> is the licence covering the record: its source's, or the directory's own.
/// <see cref="MemberOf"/> and <see cref="Members"/> are the <c>member_of</c> relationships that hold now,
/// in short; <see cref="Relationships"/> has every relationship of either side, with its assertions.
/// <see cref="ConfirmedAt"/> and <see cref="ConfirmedBy"/> say when and by whom the record was last confirmed
/// correct; <see cref="Stale"/> whether that is longer ago than the directory allows (null where the
/// directory's rule was not applied, as in exports: their readers judge by <see cref="ConfirmedAt"/>).
/// </summary>
public sealed record OrganizationDetail(
    long Id,
    string Slug,
    string Name,
    IReadOnlyList<string> AlternateNames,
    string Kind,
    IReadOnlyList<string> Types,
    string? Sector,
    string? Description,
    IReadOnlyList<LanguageTextDetail> DescriptionsByLanguage,
    string Status,
    string? FoundedOn,
    string? DissolvedOn,
    string? Website,
    string? Email,
    string? Phone,
    MembershipCountsDetail? Counts,
    IReadOnlyList<LocationDetail> Locations,
    IReadOnlyList<IdentifierDetail> Identifiers,
    IReadOnlyList<ClassificationDetail> Classifications,
    IReadOnlyList<MembershipDetail> MemberOf,
    IReadOnlyList<MembershipDetail> Members,
    IReadOnlyList<RelationshipDetail> Relationships,
    SourceDetail? Source,
    LicenceDetail Licence,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ListingDetail> ListedBy,
    bool NoLongerListed,
    IReadOnlyList<FieldProvenance> Provenance,
    string? ConfirmedAt = null,
    string? ConfirmedBy = null,
    bool? Stale = null,
    Solutions.SolutionFacts? Solution = null)
{
    /// <param name="directoryLicence">The directory's own licence, which covers records with no source (default CC BY 4.0).</param>
    /// <param name="freshness">The directory's rule for <see cref="Stale"/>; without it, Stale is null.</param>
    /// <param name="areas">The directory's areas, to name the one each location resolves to; without them, none is named.</param>
    public static OrganizationDetail From(Organization o, Licence? directoryLicence = null, Freshness? freshness = null, Areas.AreaGazetteer? areas = null)
    {
        var c = o.Content;
        var licence = o.Source?.LicenceInfo ?? directoryLicence ?? Licences.Find(Licences.DirectoryDefault)!;
        return new OrganizationDetail(
            o.Id, o.Slug, c.Name, c.AlternateNames, c.Kind, c.Types, c.Sector, c.Description,
            c.DescriptionsByLanguage.Select(d => new LanguageTextDetail(d.Language, d.Text)).ToList(), c.Status,
            c.FoundedOn, c.DissolvedOn, c.Website, c.Email, c.Phone,
            c.Counts is null ? null : new MembershipCountsDetail(c.Counts.Members, c.Counts.Workers, c.Counts.Employees, c.Counts.Year),
            c.Locations.Select(l => LocationDetail.From(l, areas)).ToList(),
            c.Identifiers.Select(i => new IdentifierDetail(i.Scheme, i.Value)).ToList(),
            c.Classifications.Select(ClassificationDetail.From).ToList(),
            o.Networks.Select(n => MembershipDetail.From(n, n.ObjectId, n.ObjectName)).ToList(),
            o.Members.Select(m => MembershipDetail.From(m, m.SubjectId, m.SubjectName)).ToList(),
            o.Relationships.Select(RelationshipDetail.From).ToList(),
            o.Source is null ? null : new SourceDetail(o.Source.Name,
                new LicenceDetail(o.Source.LicenceInfo.Id, o.Source.LicenceInfo.Name, o.Source.LicenceInfo.Url),
                o.Source.Attribution, o.Source.Url, o.Source.RecordId),
            new LicenceDetail(licence.Id, licence.Name, licence.Url),
            o.Revision, o.CreatedAt, o.UpdatedAt,
            o.Listings.Select(l => new ListingDetail(l.Source, l.SourceId, l.RecordId, l.Vintage, l.Retired)).ToList(),
            o.NoLongerListed,
            o.Provenance,
            o.ConfirmedAt, o.ConfirmedBy, freshness?.IsStale(o.ConfirmedAt), c.Solution);
    }
}

public sealed record LanguageTextDetail(string Language, string Text);

public sealed record MembershipCountsDetail(int? Members, int? Workers, int? Employees, int? Year);

/// <param name="Area">The area the location resolves to (read-only: it follows from the place written and the directory's areas).</param>
public sealed record LocationDetail(
    string? Street, string? Locality, string? Region, string? Postcode, string? Country, double? Latitude, double? Longitude, AreaReference? Area = null)
{
    public static LocationDetail From(Location l, Areas.AreaGazetteer? areas = null) =>
        new(l.Street, l.Locality, l.Region, l.Postcode, l.Country, l.Latitude, l.Longitude,
            areas?.Resolve(l.Country, l.Region, l.Locality).Area is { } area ? new AreaReference(area.Id, area.Name) : null);
}

/// <summary>An area by its Open Civic Data division id and name.</summary>
public sealed record AreaReference(string Id, string Name);

public sealed record IdentifierDetail(string Scheme, string Value);

public sealed record ClassificationDetail(string Scheme, string Code, string? Label, string? Uri)
{
    public static ClassificationDetail From(Classification c)
    {
        if (Currencies.CurrencyFacets.Find(c.Scheme) is { } facet)
            return new ClassificationDetail(c.Scheme, c.Code, facet.Vocabulary.Find(c.Code)?.Label, null);
        if (Solutions.SolutionRules.FacetOf(c.Scheme) is { } solutionFacet)
            return new ClassificationDetail(c.Scheme, c.Code, solutionFacet.Vocabulary?.Find(c.Code)?.Label
                ?? (c.Scheme == Solutions.SolutionRules.CountryOfUse ? Countries.NameOf(c.Code) : null), null);
        // A SIC 2007 code reads as the ICA activity its division falls in (the SEA's table; SIC's own labels are not vendored).
        if (c.Scheme == Imports.CoopsUkMappings.SicScheme && c.Code.Length >= 2 && Imports.CoopsUkMappings.Activity(c.Code[..2]) is { } activity)
            return new ClassificationDetail(c.Scheme, c.Code, activity.Label, null);
        var concept = EssGlobal.IsEssGlobalScheme(c.Scheme) ? EssGlobal.Resolve(c.Scheme, c.Code) : null;
        return new ClassificationDetail(c.Scheme, c.Code, concept?.Label, concept?.Uri);
    }
}

/// <summary>One side of a membership: the other organization's id and name, and the relationship that says so.</summary>
public sealed record MembershipDetail(long OrganizationId, string Name, long RelationshipId, string Status, string? StartDate, string? EndDate)
{
    public static MembershipDetail From(RelationshipView r, long otherId, string otherName) =>
        new(otherId, otherName, r.Id, RelationshipText.Of(r.State.Status), r.StartDate, r.EndDate);
}

/// <summary>A source listing the record: its id there and the vintage it last gave; a retired source no longer counts.</summary>
public sealed record ListingDetail(string Source, long SourceId, string RecordId, string? Vintage, bool Retired);

public sealed record SourceDetail(string Name, LicenceDetail Licence, string? Attribution, string? Url, string? RecordId);

public sealed record LicenceDetail(string Id, string Name, string? Url);
