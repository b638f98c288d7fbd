namespace Coopdir.Core.Solutions;

/// <summary>
/// What a shared solution (a record of the kind <see cref="SolutionRules.Kind"/>) says beyond what every record
/// says. A solution's codes from a vocabulary are its classifications (the schemes in <see cref="SolutionRules.Facets"/>:
/// type, software type, status, categories, scope, maintenance, SDGs, countries of use, languages), so that
/// edits, merges, history and exports carry them as any classification; its landing page is its website, its
/// long descriptions its description and descriptions by language, its code repositories identifiers of the
/// scheme <see cref="SolutionRules.RepositoryScheme"/> (so sources listing one repository meet on it). The rest
/// lives here, in the record's <c>solution</c> field: what publiccode.yml and the Digital Public Goods registry
/// say that no other field holds.
/// </summary>
/// <param name="Licence">The licence as an SPDX expression, e.g. "AGPL-3.0-or-later" or "MIT OR Apache-2.0".</param>
/// <param name="Logo">An http(s) URL of the logo.</param>
/// <param name="Version">The latest release's version (publiccode.yml softwareVersion).</param>
/// <param name="ReleaseDate">The latest release's date (yyyy-mm-dd).</param>
/// <param name="Texts">Per language: the name in it, a short description, features and documentation links.</param>
/// <param name="Platforms">Where it runs (publiccode.yml platforms: web, windows, mac, linux, ios, android, or others in words).</param>
/// <param name="DependsOn">What it needs to run.</param>
/// <param name="Contacts">The people who maintain it.</param>
/// <param name="Contractors">Who maintains it under contract, and until when.</param>
/// <param name="SdgEvidence">Why it serves each Sustainable Development Goal it claims.</param>
/// <param name="Parties">
/// Organizations the sources name with a role (maintainer, owner, user, implementer, funder), as they name them,
/// with what the matcher made of each when it was imported: the directory's organization it is
/// (<see cref="SolutionParty.OrganizationId"/>, and then the role is a relationship between the two), may be
/// (<see cref="SolutionParty.PossibleOrganizationId"/>, for people to confirm by making the relationship), or
/// neither (an unresolved name, shown as such). A name is never made into an organization.
/// </param>
/// <param name="MainCopyrightOwner">Who holds the copyright (publiccode.yml legal/mainCopyrightOwner).</param>
public sealed record SolutionFacts(
    string? Licence = null,
    string? Logo = null,
    string? Version = null,
    string? ReleaseDate = null,
    IReadOnlyList<SolutionText>? Texts = null,
    IReadOnlyList<string>? Platforms = null,
    IReadOnlyList<SolutionDependency>? DependsOn = null,
    IReadOnlyList<SolutionContact>? Contacts = null,
    IReadOnlyList<SolutionContractor>? Contractors = null,
    IReadOnlyList<SdgEvidence>? SdgEvidence = null,
    IReadOnlyList<SolutionParty>? Parties = null,
    string? MainCopyrightOwner = null);

/// <summary>A solution's words in one language (a BCP 47 tag); its long description is the record's description in that language.</summary>
public sealed record SolutionText(
    string Language, string? LocalisedName = null, string? ShortDescription = null, IReadOnlyList<string>? Features = null,
    string? Documentation = null, string? ApiDocumentation = null);

/// <param name="Kind">open, proprietary or hardware (publiccode.yml dependsOn).</param>
public sealed record SolutionDependency(string Kind, string Name, string? VersionMin = null, string? VersionMax = null,
    string? Version = null, bool Optional = false);

public sealed record SolutionContact(string Name, string? Email = null, string? Phone = null, string? Affiliation = null);

/// <param name="Until">The date the contract ends (yyyy-mm-dd).</param>
public sealed record SolutionContractor(string Name, string Until, string? Email = null, string? Website = null);

/// <param name="Goal">The goal's number, 1 to 17 (the <c>sdg</c> vocabulary).</param>
public sealed record SdgEvidence(string Goal, string? Text = null, string? Url = null);

/// <summary>An organization a source names with a role, and which of the directory's it was found to be, if any.</summary>
/// <param name="Role">maintainer, funder, user, owner or implementer (<see cref="SolutionRules.PartyRoles"/>).</param>
/// <param name="OrganizationId">The organization it is (the matcher's "same"): the role is then a relationship.</param>
/// <param name="PossibleOrganizationId">The organization it may be, for people to confirm (the matcher's "possible").</param>
public sealed record SolutionParty(string Role, string Name, string? Url = null, long? OrganizationId = null, long? PossibleOrganizationId = null);
