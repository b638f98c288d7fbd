using Coopdir.Core.Organizations;
using Coopdir.Core.Sources;

namespace Coopdir.Sources;

/// <summary>
/// A source in the public JSON. <see cref="Records"/>: how many organizations it lists now;
/// <see cref="OnlyListed"/>: how many no other counted source lists.
/// </summary>
public sealed record SourceResponse(
    long Id, string Name, string? Publisher, LicenceDetail Licence, string? Attribution, string? Url, string? Vintage,
    DateTimeOffset? ImportedAt, DateTimeOffset? RetiredAt, int Records, int OnlyListed)
{
    public static SourceResponse From(SourceOverview o)
    {
        var s = o.Source;
        var licence = s.LicenceInfo;
        return new SourceResponse(s.Id, s.Name, s.Publisher, new LicenceDetail(licence.Id, licence.Name, licence.Url), s.Attribution, s.Url,
            s.Vintage, Time(s.ImportedAt), Time(s.RetiredAt), o.Records, o.OnlyListed);
    }

    private static DateTimeOffset? Time(string? stored) =>
        stored is null ? null : DateTimeOffset.Parse(stored, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What retiring a source did: records merged again with changes, unchanged, now listed by no source.</summary>
public sealed record RetirementResponse(SourceResponse Source, int RecordsRemerged, int RecordsUnchanged, int RecordsListedByNoSource, int RecordsLeftInvalid);

/// <summary>A field's configured order of sources, first to last.</summary>
public sealed record FieldOrderResponse(string Field, IReadOnlyList<SourceName> Sources);

public sealed record SourceName(long Id, string Name);
