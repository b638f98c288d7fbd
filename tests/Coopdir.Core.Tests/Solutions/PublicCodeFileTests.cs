using Coopdir.Core.Organizations;
using Coopdir.Core.Solutions;
using Coopdir.Core.Solutions.PublicCode;

namespace Coopdir.Core.Tests.Solutions;

public sealed class PublicCodeFileTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data", "publiccode");

    private static OrganizationContent Import(string path, PublicCodeDialect dialect = PublicCodeDialect.Standard)
    {
        var result = PublicCodeReader.Read(File.ReadAllBytes(path), new PublicCodeReadOptions(dialect));
        Assert.True(result.IsValid, $"{Path.GetFileName(path)}: {string.Join("; ", result.Errors)}");
        var content = PublicCodeMapping.ToContent(result.Document!);
        Assert.Empty(OrganizationValidator.Validate(content));
        return content;
    }

    [Fact]
    public void The_standards_full_example_becomes_a_solution_with_its_facets_facts_and_parties()
    {
        var medusa = Import(Path.Combine(Data, "standard", "example", "publiccode.yml"));
        Assert.Equal(("Medusa", "solution", "https://example.com/italia/medusa"), (medusa.Name, medusa.Kind, medusa.Website));
        Assert.Equal(["https://example.com/italia/medusa"], SolutionRules.RepositoriesOf(medusa));
        Assert.Equal(["content-management", "office"], SolutionRules.CodesOf(medusa, "solution-category"));
        Assert.Equal(["DE", "IT"], SolutionRules.CodesOf(medusa, SolutionRules.CountryOfUse).Order());
        Assert.Equal(["contract"], SolutionRules.CodesOf(medusa, "maintenance-type"));
        var facts = medusa.Solution!;
        Assert.Equal(("AGPL-3.0-or-later", "1.0", "2017-04-15", "City of Chicago"), (facts.Licence, facts.Version, facts.ReleaseDate, facts.MainCopyrightOwner));
        Assert.Equal(["android", "ios"], facts.Platforms!);
        Assert.Equal(4, facts.DependsOn!.Count(d => d.Kind != "hardware") + 0);
        Assert.Equal([("maintainer", "Roma Capitale"), ("user", "Comune di Firenze"), ("user", "Comune di Roma")],
            facts.Parties!.Select(p => (p.Role, p.Name)));
        Assert.Null(facts.Logo); // img/logo.svg is a path in the repository, not a URL
    }

    [Fact]
    public void The_minimal_example_and_every_code_gouv_fr_file_import()
    {
        Import(Path.Combine(Data, "standard", "example", "publiccode.minimal.yml"));
        var files = Directory.GetFiles(Path.Combine(Data, "codegouvfr"), "*.yml");
        Assert.Equal(19, files.Length);
        var catala = files.Select(f => (File: Path.GetFileName(f), Content: Import(f, PublicCodeDialect.CodeGouvFr)))
            .Single(f => f.File == "catala_publiccode.yml").Content;
        Assert.Equal(("Apache-2.0", "2020-04-17"), (catala.Solution!.Licence, catala.FoundedOn));
        Assert.Contains(catala.Solution.Parties!, p => p is { Role: "funder", Url: "https://team.inria.fr/prosecco/" });
        Assert.Contains(catala.Solution.Parties!, p => p is { Role: "user", Name: "Direction Générale des Finances Publiques (DGFiP)" });
    }

    [Fact]
    public void The_code_gouv_fr_dialect_is_not_the_standard()
    {
        var catala = PublicCodeReader.Read(File.ReadAllBytes(Path.Combine(Data, "codegouvfr", "catala_publiccode.yml")));
        Assert.False(catala.IsValid);
        Assert.Contains(catala.Errors, e => e.Path == "creationDate");
        Assert.Contains(catala.Errors, e => e.Path == "developmentStatus");
    }

    [Fact]
    public void Problems_name_their_key_path_and_warnings_stay_apart()
    {
        var result = PublicCodeReader.Read("""
            publiccodeYmlVersion: "0.3"
            name: Tool
            url: https://example.org/tool.git
            platforms: [web]
            developmentStatus: stable
            softwareType: library
            description:
              en:
                shortDescription: "x"
                longDescription: too short
                features: [one]
            legal: { license: Not-A-Licence, repoOwner: Someone }
            maintenance: { type: internal, contacts: [{ name: A, email: nope }] }
            localisation: { localisationReady: yes, availableLanguages: [en] }
            """);
        Assert.Equal(
            ["description.en.longDescription", "legal.license", "maintenance.contacts[0].email", "localisation.localisationReady"],
            result.Errors.Select(e => e.Path));
        Assert.Equal(["publiccodeYmlVersion", "legal.repoOwner"], result.Warnings.Select(w => w.Path));
    }
}
