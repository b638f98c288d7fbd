using Coopdir.Core.Relationships;

namespace Coopdir.Core.Organizations;

/// <summary>
/// Everything about an organization that a person or an import can change. A revision's
/// before and after are snapshots of this record.
/// </summary>
public sealed record OrganizationContent
{
    public required string Name { get; init; }
    public IReadOnlyList<string> AlternateNames { get; init; } = [];
    public required string Kind { get; init; }
    public IReadOnlyList<string> Types { get; init; } = [];
    public string? Sector { get; init; }
    public string? Description { get; init; }
    /// <summary>Descriptions in the languages a source tags them with, beside the untagged <see cref="Description"/>.</summary>
    public IReadOnlyList<LanguageText> DescriptionsByLanguage { get; init; } = [];
    public string Status { get; init; } = OrganizationStatus.Unknown;
    public string? FoundedOn { get; init; }
    public string? DissolvedOn { get; init; }
    public string? Website { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public MembershipCounts? Counts { get; init; }
    public IReadOnlyList<Location> Locations { get; init; } = [];
    public IReadOnlyList<Identifier> Identifiers { get; init; } = [];
    public IReadOnlyList<Classification> Classifications { get; init; } = [];
    /// <summary>The relationships in which this organization is the subject (see <see cref="Relationship"/>).</summary>
    public IReadOnlyList<Relationship> Relationships { get; init; } = [];
    /// <summary>What a shared solution says beyond what every record says (only records of the kind solution have it).</summary>
    public Solutions.SolutionFacts? Solution { get; init; }
    public long? SourceId { get; init; }
    public string? SourceRecordId { get; init; }
}

public static class OrganizationStatus
{
    public const string Active = "active";
    public const string Dissolved = "dissolved";
    public const string Unknown = "unknown";
    public static readonly IReadOnlyList<string> All = [Active, Dissolved, Unknown];

    /// <summary>How a status reads; null for <see cref="Unknown"/>, which pages leave out rather than show.</summary>
    public static string? LabelOf(string status) => status switch
    {
        Active => "Active",
        Dissolved => "Dissolved",
        _ => null,
    };
}

public sealed record Location(
    string? Street = null,
    string? Locality = null,
    string? Region = null,
    string? Postcode = null,
    string? Country = null,
    double? Latitude = null,
    double? Longitude = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasCoordinates => Latitude is not null && Longitude is not null;
}

public sealed record Identifier(string Scheme, string Value);

/// <summary>A text and its language, a BCP 47 tag such as "de" or "pt-BR".</summary>
public sealed record LanguageText(string Language, string Text);

/// <summary>A code from an outside vocabulary, such as ESSGlobal or UK SIC 2007.</summary>
public sealed record Classification(string Scheme, string Code);

public sealed record MembershipCounts(int? Members = null, int? Workers = null, int? Employees = null, int? Year = null);
