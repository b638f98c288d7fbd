using Coopdir.Core.Relationships;
using Coopdir.Core.Sources;

namespace Coopdir.Core.Organizations;

/// <summary>
/// An organization as stored: its content plus what the directory keeps about it.
/// <see cref="Relationships"/> are both its own (it is the subject, as in its content) and those naming
/// it as their object, each with the other organization's name.
/// </summary>
public sealed record Organization(
    long Id,
    string Slug,
    OrganizationContent Content,
    SourceInfo? Source,
    IReadOnlyList<RelationshipView> Relationships,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Revision)
{
    /// <summary>Where each field's value came from (read only when asked for: <see cref="OrganizationParts.Provenance"/>).</summary>
    public IReadOnlyList<FieldProvenance> Provenance { get; init; } = [];

    /// <summary>The sources that list it, retired ones included (read with <see cref="Provenance"/>).</summary>
    public IReadOnlyList<Listing> Listings { get; init; } = [];

    /// <summary>Every source that listed it has been retired: the directory keeps it, but no source vouches for it now.</summary>
    public bool NoLongerListed => Listings.Count > 0 && Listings.All(l => l.Retired);

    /// <summary>When the record was last confirmed correct: a source's vintage (a date) or a round-trip time; null if never.</summary>
    public string? ConfirmedAt { get; init; }

    /// <summary>Who confirmed it: "source:&lt;name&gt;", "person:&lt;name&gt;" or "import".</summary>
    public string? ConfirmedBy { get; init; }

    /// <summary>Its own relationships: those it is the subject of, as its content holds them.</summary>
    public IEnumerable<RelationshipView> Outgoing => Relationships.Where(r => r.SubjectId == Id);

    /// <summary>The networks, federations and associations it is a member of now.</summary>
    public IEnumerable<RelationshipView> Networks =>
        Relationships.Where(r => r.SubjectId == Id && r.Type == RelationshipTypes.MemberOf && r.IsCurrent);

    /// <summary>Its members now, when it is a network.</summary>
    public IEnumerable<RelationshipView> Members =>
        Relationships.Where(r => r.ObjectId == Id && r.Type == RelationshipTypes.MemberOf && r.IsCurrent);

    /// <summary>The organizations it is a subsidiary or branch of now.</summary>
    public IEnumerable<RelationshipView> Parents =>
        Relationships.Where(r => r.SubjectId == Id && RelationshipTypes.IsPartOf(r.Type) && r.IsCurrent);

    /// <summary>Its subsidiaries and branches now.</summary>
    public IEnumerable<RelationshipView> Parts =>
        Relationships.Where(r => r.ObjectId == Id && RelationshipTypes.IsPartOf(r.Type) && r.IsCurrent);
}
