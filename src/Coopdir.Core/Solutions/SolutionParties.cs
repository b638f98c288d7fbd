using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Core.Sources.Matching;

namespace Coopdir.Core.Solutions;

/// <summary>
/// The organizations a solution's source names with a role (<see cref="SolutionFacts.Parties"/>), resolved to the
/// directory's by the matcher that merges sources, inside the import's write session: the matcher's "same" sets
/// <see cref="SolutionParty.OrganizationId"/> and the role becomes a relationship of its type (<see cref="SolutionRules.PartyRoles"/>)
/// that the source asserts as a dataset (written with the file's other links by <see cref="ImportLinks"/>); "possible"
/// sets <see cref="SolutionParty.PossibleOrganizationId"/> for people to confirm; anything else stays an unresolved name.
/// A name is never made into an organization. Every solution import goes through <see cref="Importer"/>, which calls
/// this for each record that names parties, so a reader (publiccode.yml, the Digital Public Goods registry) only fills
/// <see cref="SolutionFacts.Parties"/>.
/// </summary>
public static class SolutionParties
{
    private const string OrganizationPrefix = "organization:";

    /// <summary>The record with each party matched afresh against the directory (what an earlier import found is replaced).</summary>
    public static OrganizationContent Resolve(OrganizationContent content, Matcher matcher)
    {
        if (content.Solution?.Parties is not { Count: > 0 } parties) return content;
        var resolved = parties.Select(party =>
        {
            var probe = new OrganizationContent { Name = party.Name, Kind = "other", Website = party.Url };
            var match = matcher.Match(probe);
            return party with
            {
                OrganizationId = match.Decision == MatchDecision.Same ? match.OrganizationId : null,
                PossibleOrganizationId = match.Decision == MatchDecision.Possible ? match.OrganizationId : null,
            };
        }).ToList();
        return content with { Solution = content.Solution with { Parties = resolved } };
    }

    /// <summary>
    /// The relationships a written solution's resolved parties make, as links between organizations (ends named
    /// <c>organization:ID</c>, read back by <see cref="OrganizationOf"/>). The source is the solution's own file, so it
    /// speaks for the solution's end.
    /// </summary>
    public static IEnumerable<ImportLink> Links(long solutionId, OrganizationContent content, int line)
    {
        foreach (var party in content.Solution?.Parties ?? [])
        {
            if (party.OrganizationId is not { } organization || organization == solutionId
                || !SolutionRules.PartyRoles.TryGetValue(party.Role, out var role)) continue;
            yield return role.SolutionIsSubject
                ? new ImportLink(line, OrganizationPrefix + solutionId, role.RelationshipType, OrganizationPrefix + organization, Party.Subject)
                : new ImportLink(line, OrganizationPrefix + organization, role.RelationshipType, OrganizationPrefix + solutionId, Party.Object);
        }
    }

    /// <summary>The organization a link end made by <see cref="Links"/> names, or null for a file's own record id.</summary>
    public static long? OrganizationOf(string end) =>
        end.StartsWith(OrganizationPrefix, StringComparison.Ordinal) && long.TryParse(end[OrganizationPrefix.Length..], out var id) ? id : null;
}
