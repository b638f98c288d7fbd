namespace Coopdir.Core.Areas;

/// <summary>
/// A place as its own entity: an Open Civic Data division (<c>ocd-division/country:us/state:ca/place:oakland</c>)
/// or an area Coopdir adds where OCD lists none, with its parent and level. <paramref name="Source"/> says
/// which list it came from; an area past <paramref name="ValidThrough"/> (a redrawn constituency) stays
/// readable but no location resolves to it.
/// </summary>
public sealed record Area(
    string Id, string Name, string Level, string? ParentId, string Source,
    string? ValidFrom = null, string? ValidThrough = null)
{
    public const int MaxIdLength = 300;

    /// <summary>The ISO 3166-1 code of its country, from the id's <c>country:xx</c> part.</summary>
    public string? Country => CountryOf(Id);

    public bool HasEnded(DateOnly today) =>
        ValidThrough is not null && DateOnly.TryParse(ValidThrough, out var through) && through < today;

    public static string? CountryOf(string id)
    {
        const string prefix = "ocd-division/country:";
        if (!id.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var rest = id.AsSpan(prefix.Length);
        var end = rest.IndexOf('/');
        return (end < 0 ? rest : rest[..end]).ToString().ToUpperInvariant();
    }

    /// <summary>The nearest of an id's ancestors (by its parts) that <paramref name="exists"/> holds: a county place's county, else its state.</summary>
    public static string? NearestAncestor(string id, Func<string, bool> exists)
    {
        for (var cut = id.LastIndexOf('/'); cut > "ocd-division".Length; cut = id.LastIndexOf('/', cut - 1))
            if (exists(id[..cut])) return id[..cut];
        return null;
    }

    /// <summary>Whether a text has the shape of an OCD division id: <c>ocd-division/</c> then <c>type:name</c> parts (most start with the country; the EU's members are <c>region:eu/member:de</c>).</summary>
    public static bool IsDivisionId(string id) =>
        id.Length <= MaxIdLength && id.StartsWith("ocd-division/", StringComparison.Ordinal) && id.Length > "ocd-division/".Length
        && id["ocd-division/".Length..].Split('/').All(part => part.IndexOf(':') is > 0 and var colon && colon < part.Length - 1
            && !part.Any(c => char.IsWhiteSpace(c) || char.IsUpper(c)));
}

/// <summary>Another id of the same division (OCD's sameAs), such as a city-borough known as both.</summary>
public sealed record AreaAlias(string AliasId, string AreaId, string? Note);

/// <summary>
/// How far down a division sits, from the type of its id's last part: what city pages, state pages and
/// the resolution of locations by name need to tell apart.
/// </summary>
public static class AreaLevel
{
    public const string Country = "country", Region = "region", County = "county", City = "city", District = "district";
    public static readonly IReadOnlyList<string> All = [Country, Region, County, City, District];

    // Types from the OCD files Coopdir loads (US, GB, DE, FR, ES); anything else is a district of some kind
    // (electoral, council, ward, school...).
    private static readonly Dictionary<string, string> ByType = new(StringComparer.Ordinal)
    {
        ["country"] = Country,
        ["state"] = Region, ["territory"] = Region, ["part"] = Region, ["region"] = Region, ["land"] = Region,
        ["autonomous_community"] = Region, ["autonomous_city"] = Region, ["overseas_department"] = Region,
        ["overseas_collectivity"] = Region, ["sui_generis_collectivity"] = Region, ["district"] = Region,
        ["county"] = County, ["parish"] = County, ["borough"] = County, ["census_area"] = County,
        ["department"] = County, ["province"] = County,
        ["place"] = City, ["municipality"] = City, ["city"] = City, ["town"] = City,
    };

    public static string Of(string id)
    {
        var last = id[(id.LastIndexOf('/') + 1)..];
        var type = last[..Math.Max(0, last.IndexOf(':'))];
        // "district:dc" is the District of Columbia, a state-level division; deeper districts are not.
        if (type == "district" && id.Count(c => c == '/') > 2) return District;
        return ByType.GetValueOrDefault(type, District);
    }

    /// <summary>In words, for pages.</summary>
    public static string LabelOf(string level) => level switch
    {
        Country => "Country", Region => "State or region", County => "County", City => "City or town", _ => "District",
    };

    /// <summary>Coarse to fine, for ordering lists of areas.</summary>
    public static int Rank(string level) => level switch
    {
        Country => 0, Region => 1, County => 2, City => 3, _ => 4,
    };
}
