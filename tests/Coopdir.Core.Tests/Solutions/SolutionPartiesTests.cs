using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Core.Solutions;

namespace Coopdir.Core.Tests.Solutions;

public sealed class SolutionPartiesTests
{
    [Fact]
    public void Only_matched_parties_make_relationships_each_pointing_the_way_its_role_says()
    {
        var content = new OrganizationContent
        {
            Name = "Tool", Kind = SolutionRules.Kind,
            Solution = new SolutionFacts(Parties:
            [
                new SolutionParty("maintainer", "A co-op", OrganizationId: 7),
                new SolutionParty("funder", "A fund", OrganizationId: 8),
                new SolutionParty("user", "A city", PossibleOrganizationId: 9),
                new SolutionParty("user", "Unknown"),
            ]),
        };

        var links = SolutionParties.Links(42, content, line: 3).ToList();

        Assert.Equal(
            [("organization:7", "maintains_software", "organization:42", Party.Object), ("organization:42", "funded_by", "organization:8", Party.Subject)],
            links.Select(l => (l.SubjectRecordId, l.Type, l.ObjectRecordId, l.Party)));
        Assert.Equal(7, SolutionParties.OrganizationOf(links[0].SubjectRecordId));
        Assert.Null(SolutionParties.OrganizationOf("https://github.com/example/tool"));
    }
}
