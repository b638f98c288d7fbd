using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Core.Solutions;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Solutions;

/// <summary>
/// A small catalogue every catalogue test shares: three solutions, maintainers of different kinds, users in two
/// cities, a funder, a possible and an unresolved party. Made up for the tests, except that the names echo real projects.
/// </summary>
public sealed record Catalogue(long Decidim, long Consul, long Standard, long TechCoop, long DigitalService, long Barcelona, long Lyon, long Foundation)
{
    public static async Task<Catalogue> SeedAsync(TestSite site)
    {
        var first = await site.SeedAsync(
            An.Organization("Test Digital Service", kind: "digital-service").In("FR", "Lyon", 45.76, 4.83),
            An.Organization("Test Civic Foundation", kind: "other").In("DE", "Berlin"));
        var (digitalService, foundation) = (first[0], first[1]);
        var solutions = await site.SeedAsync(
            Solution("Decidim test", "Participatory democracy for cities and organizations.", "AGPL-3.0-only", "stable",
                    ("solution-category", "digital-citizenship"), ("available-language", "es"), ("available-language", "en"), ("sdg", "16"), ("country-of-use", "ES"))
                .With(An.Relationship("funded_by", foundation)) with
            {
                Identifiers = [new Identifier(SolutionRules.RepositoryScheme, "https://github.com/decidim/decidim")],
                Solution = new SolutionFacts(Licence: "AGPL-3.0-only", Version: "0.28.0", Platforms: ["web"],
                    Texts: [new SolutionText("en", ShortDescription: "Free open-source participatory democracy")],
                    Parties:
                    [
                        new SolutionParty("maintainer", "Digital Service Team", PossibleOrganizationId: digitalService),
                        new SolutionParty("user", "Comune di Nessunluogo"),
                    ]),
            },
            Solution("Consul test", "Citizen participation and open government software.", "MIT OR Apache-2.0", "beta", ("solution-category", "collaboration")),
            Solution("Open standard test", "A data standard for participatory budgets.", "CC0-1.0", null, ("solution-type", "standard")));
        var (decidim, consul, standard) = (solutions[0], solutions[1], solutions[2]);
        var rest = await site.SeedAsync(
            An.Organization("Test Tech Co-op").In("ES", "Barcelona", 41.39, 2.16).With(An.Relationship("maintains_software", decidim)),
            An.Organization("Test City of Barcelona", kind: "municipality").In("ES", "Barcelona", 41.38, 2.17)
                .With(An.Relationship("uses_software", decidim))
                .With(An.Relationship("uses_software", consul).Said(Party.Subject, Stance.Ends)),
            An.Organization("Test City of Lyon", kind: "municipality").In("FR", "Lyon", 45.76, 4.84)
                .With(An.Relationship("uses_software", decidim)).With(An.Relationship("uses_software", consul)));
        await site.WriteAsync(async (writer, session) =>
        {
            var service = (await OrganizationQueries.GetAsync(session, digitalService))!;
            await writer.UpdateAsync(session, digitalService, service.Content.With(An.Relationship("maintains_software", consul)), new ChangeNote("test", "maintains"));
            return 0;
        });
        return new Catalogue(decidim, consul, standard, rest[0], digitalService, rest[1], rest[2], foundation);
    }

    private static OrganizationContent Solution(string name, string description, string licence, string? status, params (string Scheme, string Code)[] facets) =>
        An.Organization(name, kind: SolutionRules.Kind).Described(description) with
        {
            Classifications = facets.Select(f => new Classification(f.Scheme, f.Code))
                .Concat(status is null ? [] : [new Classification("development-status", status)]).ToList(),
            Solution = new SolutionFacts(Licence: licence),
        };
}
