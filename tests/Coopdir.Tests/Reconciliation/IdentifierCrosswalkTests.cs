using System.Net;
using System.Text.Json;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Reconciliation;

public sealed class IdentifierCrosswalkTests : SiteTest
{
    [Fact]
    public async Task One_identifier_answers_the_organization_and_its_other_identifiers_or_sends_a_browser_to_its_page()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods").In("GB", "Elland") with
        {
            Identifiers = [new Identifier("GB-COH", "01234567"), new Identifier("wikidata", "Q7636541"), new Identifier("coops-uk", "R000321")],
        }))[0];

        var answer = await Site.Http.GetJsonAsync("/api/v1/identifiers/gb-coh/01234567");
        Assert.Equal("GB-COH", answer.GetProperty("scheme").GetString());
        Assert.Equal("https://find-and-update.company-information.service.gov.uk/company/01234567", answer.GetProperty("uri").GetString());
        var organization = Assert.Single(answer.GetProperty("organizations").EnumerateArray());
        Assert.Equal(id, organization.GetProperty("id").GetInt64());
        var others = organization.GetProperty("identifiers").EnumerateArray().ToDictionary(i => i.GetProperty("scheme").GetString()!, i => i.GetProperty("uri").GetString());
        Assert.Equal("https://www.wikidata.org/wiki/Q7636541", others["wikidata"]);
        Assert.Contains("coops-uk", others.Keys);

        using var browser = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identifiers/wikidata/q7636541");
        browser.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        using var redirected = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Site.BaseAddress }.SendAsync(browser);
        Assert.Equal(HttpStatusCode.MovedPermanently, redirected.StatusCode);
        Assert.Equal($"/organizations/{organization.GetProperty("slug").GetString()}", redirected.Headers.Location?.OriginalString);

        Assert.Equal(HttpStatusCode.NotFound, (await Site.Http.GetAsync("/api/v1/identifiers/shoe-size/42")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Site.Http.GetAsync("/api/v1/identifiers/wikidata/Q1")).StatusCode);
        var problem = await Site.Http.GetProblemAsync("/api/v1/identifiers/wikidata/not-a-qid");
        Assert.Contains("is not a Wikidata item", problem.GetProperty("errors").GetProperty("value")[0].GetString());
    }

    [Fact]
    public async Task The_crosswalk_downloads_list_every_identifier_and_are_in_the_catalogue_and_on_the_downloads_page()
    {
        var ids = await Site.SeedAsync(
            An.Organization("Suma Wholefoods").In("GB") with { Identifiers = [new Identifier("GB-COH", "01234567"), new Identifier("wikidata", "Q7636541")] },
            An.Organization("Civic Lab", "civic-tech").In("DE") with { Identifiers = [new Identifier("github", "civiclab")] });

        var csv = await Site.Http.GetStringAsync("/api/v1/exports/identifiers.csv");
        Assert.Equal([
            "coopdir_id,scheme,value,uri,source",
            $"{ids[0]},GB-COH,01234567,https://find-and-update.company-information.service.gov.uk/company/01234567,",
            $"{ids[0]},wikidata,Q7636541,https://www.wikidata.org/wiki/Q7636541,",
            $"{ids[1]},github,civiclab,https://github.com/civiclab,",
        ], csv.TrimEnd().Split("\r\n"));
        var json = JsonDocument.Parse(await Site.Http.GetStringAsync("/api/v1/exports/identifiers.json?kind=civic-tech")).RootElement;
        var row = Assert.Single(json.EnumerateArray());
        Assert.Equal(ids[1], row.GetProperty("coopdir_id").GetInt64());
        Assert.Equal("github", row.GetProperty("scheme").GetString());

        var catalogue = await Site.Http.GetStringAsync("/data.json");
        Assert.Contains("/api/v1/exports/identifiers.csv", catalogue);
        Assert.Contains("/api/v1/exports/identifiers.json", catalogue);
        var downloads = await Site.Http.GetStringAsync("/downloads");
        Assert.Contains("/api/v1/exports/identifiers.csv", downloads);
    }
}
