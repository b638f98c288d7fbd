using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Solutions;

/// <summary>One of the three ways an organization stands to a solution: maintaining, funding or using it.</summary>
/// <param name="SolutionIsSubject">funded_by runs from the solution to its funder; the other two from the organization to the solution.</param>
public sealed record SolutionLinkType(string RelationshipType, string Title, bool SolutionIsSubject, IReadOnlyList<string> Roles);

/// <summary>A party a source names that the directory holds no such relationship for: the organization it may be, or none.</summary>
public sealed record UnlinkedParty(SolutionParty Party, SolutionLinkType Link, long? PossibleOrganizationId);

/// <summary>
/// Who maintains, funds and uses a solution, told honestly: the relationships the directory holds (with their
/// status), then what the sources name that no relationship stands for yet: an organization it may be (for
/// people to confirm by making the relationship) or a name the directory has no organization for.
/// </summary>
public static class SolutionLinks
{
    public static readonly IReadOnlyList<SolutionLinkType> Types =
    [
        new("maintains_software", "Maintained by", SolutionIsSubject: false, ["maintainer", "owner"]),
        new("funded_by", "Funded by", SolutionIsSubject: true, ["funder"]),
        new("uses_software", "Used by", SolutionIsSubject: false, ["user", "implementer"]),
    ];

    /// <summary>The solution's relationships of this type, whatever their status; the organization is the other end.</summary>
    public static IReadOnlyList<RelationshipView> Of(Organization solution, SolutionLinkType link) =>
        solution.Relationships.Where(r => r.Type == link.RelationshipType && (link.SolutionIsSubject ? r.SubjectId : r.ObjectId) == solution.Id)
            .OrderBy(r => r.OtherNameThan(solution.Id), StringComparer.CurrentCultureIgnoreCase).ToList();

    /// <summary>
    /// The parties the sources name with no relationship of their role to the organization they were matched
    /// to: possible matches (and matches whose relationship is gone) to confirm, and names matched to nothing.
    /// </summary>
    public static IReadOnlyList<UnlinkedParty> Unlinked(Organization solution)
    {
        var unlinked = new List<UnlinkedParty>();
        foreach (var party in solution.Content.Solution?.Parties ?? [])
        {
            if (Types.FirstOrDefault(t => t.Roles.Contains(party.Role)) is not { } link) continue;
            var candidate = party.OrganizationId ?? party.PossibleOrganizationId;
            if (candidate is { } id && Of(solution, link).Any(r => r.OtherThan(solution.Id) == id)) continue;
            if (unlinked.Any(u => u.Link == link && (candidate is null ? u.PossibleOrganizationId is null && u.Party.Name == party.Name : u.PossibleOrganizationId == candidate))) continue;
            unlinked.Add(new UnlinkedParty(party, link, candidate));
        }
        return unlinked;
    }

    /// <summary>The form that makes the relationship a possible party stands for, filled in (from the side that is its subject).</summary>
    public static string ConfirmUrl(long solutionId, UnlinkedParty party)
    {
        var (subject, other) = party.Link.SolutionIsSubject ? (solutionId, party.PossibleOrganizationId!.Value) : (party.PossibleOrganizationId!.Value, solutionId);
        return $"/organizations/{subject}/relationships/new?direction=outgoing&type={party.Link.RelationshipType}&other={other}";
    }
}
