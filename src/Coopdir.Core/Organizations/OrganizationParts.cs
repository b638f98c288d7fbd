namespace Coopdir.Core.Organizations;

/// <summary>
/// Which parts of an organization a bulk read fills. An export pass that writes one side table (the
/// relationships, the locations) asks for that part only and skips reading the rest; parts left out are
/// empty in the records it gets, and without <see cref="Details"/> a record holds only its id, slug,
/// name, kind, status and source.
/// </summary>
[Flags]
public enum OrganizationParts
{
    None = 0,
    /// <summary>Every column of the organization itself: names, description, contacts, counts, times, revision.</summary>
    Details = 1,
    Types = 2,
    Locations = 4,
    Identifiers = 8,
    Classifications = 16,
    /// <summary>Its relationships, and those naming it as their object.</summary>
    Relationships = 32,
    All = Details | Types | Locations | Identifiers | Classifications | Relationships,
    /// <summary>Where each field's value came from, and the sources listing it: worked out from every source's record, so asked for only where shown.</summary>
    Provenance = 64,
}
