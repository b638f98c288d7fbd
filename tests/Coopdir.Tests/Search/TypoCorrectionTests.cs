using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Search;

/// <summary>
/// Typo correction prefers what most records hold: among equally close words, the one most
/// organizations hold is the best guess, searched first and ranked first, whatever the alphabet says.
/// </summary>
public sealed class TypoCorrectionTests : SiteTest
{
    private static readonly string[] Towns =
        ["Leeds", "York", "Bristol", "Manchester", "Sheffield", "Norwich", "Oxford", "Preston", "Salford", "Stroud",
         "Totnes", "Wigan", "Bolton", "Derby", "Exeter", "Hull", "Lincoln", "Lewes", "Bath", "Durham", "Ripon", "Selby"];

    // Credit and housing in many names; rarer words one edit away that sort before them: four before
    // "credit" ("credti" is one edit from each one's start), one before "housing".
    private Task SeedAsync()
    {
        var organizations = new List<OrganizationContent>();
        foreach (var town in Towns)
        {
            organizations.Add(An.Organization($"{town} Credit Union").In("GB", town));
            organizations.Add(An.Organization($"{town} Housing Co-operative").In("GB", town));
        }
        foreach (var rare in new[] { "Creati Design", "Creation Theatre", "Creative Futures", "Creatives Hub", "Acme Hosting", "Apex Hosting" })
            organizations.Add(An.Organization(rare).In("GB", "Leeds"));
        return Site.SeedAsync([.. organizations]);
    }

    private async Task<IReadOnlyList<string>> Search(string q) =>
        (await Site.Http.GetJsonAsync($"/api/v1/organizations?q={Uri.EscapeDataString(q)}&page_size=50")).Names();

    [Fact]
    public async Task A_misspelt_word_is_corrected_to_the_word_most_organizations_hold_and_those_rank_first()
    {
        await SeedAsync();

        var credit = await Search("credti");
        Assert.All(credit.Take(Towns.Length), name => Assert.Contains("Credit", name));
        var housing = await Search("hosuing");
        Assert.All(housing.Take(Towns.Length), name => Assert.Contains("Housing", name));
        Assert.Contains("Acme Hosting", housing.Skip(Towns.Length));
    }

    [Fact]
    public async Task The_results_page_offers_the_corrected_search_with_the_same_filters()
    {
        await SeedAsync();

        var page = await Site.Http.GetPageAsync("/search?q=credti%20unoin&country=GB");

        var link = page.QuerySelector(".did-you-mean a")!;
        Assert.Equal("credit union", link.TextContent);
        Assert.Equal("/search?q=credit%20union&country=GB", link.GetAttribute("href"));
        Assert.Null((await Site.Http.GetPageAsync("/search?q=credit%20union&country=GB")).QuerySelector(".did-you-mean"));
    }
}
