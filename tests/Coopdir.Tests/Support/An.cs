using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Tests.Support;

/// <summary>Test data with sensible defaults; each test sets only what it asserts.</summary>
public static class An
{
    public static OrganizationContent Organization(string name = "Sunrise Bakery Co-operative", string kind = "cooperative") =>
        new() { Name = name, Kind = kind, Status = OrganizationStatus.Active };

    public static OrganizationContent In(this OrganizationContent o, string country, string? locality = null,
        double? latitude = null, double? longitude = null, string? region = null, string? postcode = null, string? street = null) =>
        o with { Locations = [.. o.Locations, new Location(street, locality, region, postcode, country, latitude, longitude)] };

    public static OrganizationContent OfTypes(this OrganizationContent o, params string[] types) => o with { Types = types };

    public static OrganizationContent InSector(this OrganizationContent o, string sector) => o with { Sector = sector };

    public static OrganizationContent Described(this OrganizationContent o, string description) => o with { Description = description };

    /// <summary>A member_of relationship that a dataset asserts (status proposed), as imported memberships are.</summary>
    public static OrganizationContent MemberOf(this OrganizationContent o, long networkId, string? startDate = null, string? note = null) =>
        o with { Relationships = [.. o.Relationships, Relationship(RelationshipTypes.MemberOf, networkId, startDate, note)] };

    /// <summary>Any relationship, e.g. one built with <see cref="Relationship"/> and <see cref="Said"/>.</summary>
    public static OrganizationContent With(this OrganizationContent o, Relationship relationship) =>
        o with { Relationships = [.. o.Relationships, relationship] };

    /// <summary>A later statement of a side or third party: a subject's claimer asserting it (claimed), ending it (ended), denying it (disputed).</summary>
    public static Relationship Said(this Relationship r, Party party, Stance stance) =>
        r with { Assertions = [.. r.Assertions, new Assertion(party, party == Party.Third ? Voice.Editor : Voice.Claimer, stance,
            r.Assertions[^1].At.AddDays(1), party == Party.Third ? "Test editor" : "Test claimer")] };

    public static Relationship Relationship(string type, long objectId, string? startDate = null, string? note = null) =>
        new(0, type, objectId, [new Assertion(Party.Third, Voice.Dataset, Stance.Asserts, DateTimeOffset.Parse("2026-01-01T00:00:00Z"), "Test register")],
            startDate, Note: note);
}
