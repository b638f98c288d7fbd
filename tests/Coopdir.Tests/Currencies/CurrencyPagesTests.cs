using System.Net;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Currencies;

public sealed class CurrencyPagesTests : SiteTest
{
    [Fact]
    public async Task The_currencies_page_lists_each_currency_with_its_facets_and_a_link_to_where_to_spend_it()
    {
        var ids = await Site.SeedAsync(Currency.Named("Test Hours", ("cc-movement", "timebank"), ("cc-unit-of-account", "time")), An.Organization("Test Bakery"));

        var page = await Site.Http.GetPageAsync("/currencies");

        var item = Assert.Single(page.QuerySelectorAll(".result-list > li"));
        Assert.Equal($"/currencies/{ids[0]}", item.QuerySelector("h2 a")!.GetAttribute("href"));
        var facets = item.QuerySelectorAll("dt").Select(dt => (dt.TextContent.Trim(), dt.NextElementSibling!.TextContent.Trim())).ToList();
        Assert.Contains(("Unit of account", "Time based e.g. hour"), facets);
        Assert.Contains(("Movement", "Time bank"), facets);
    }

    [Fact]
    public async Task A_currencys_page_links_to_where_to_spend_it_and_another_organization_has_no_such_page()
    {
        var ids = await Site.SeedAsync(Currency.Named("Test Hours"), An.Organization("Test Bakery"));

        var currency = await Site.Http.GetPageAsync($"/organizations/{ids[0]}");
        var bakery = await Site.Http.GetPageAsync($"/organizations/{ids[1]}");
        var notACurrency = await Site.Http.GetPageAsync($"/currencies/{ids[1]}", HttpStatusCode.NotFound);
        await Site.Http.GetPageAsync($"/currencies/{ids[0]}?page=first", HttpStatusCode.BadRequest);
        await Site.Http.GetPageAsync("/currencies?near=north", HttpStatusCode.BadRequest);

        Assert.Contains(currency.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/currencies/{ids[0]}" && a.TextContent == "Where to spend it");
        Assert.DoesNotContain(bakery.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/currencies/{ids[1]}");
        Assert.Contains("no community currency", notACurrency.Body!.TextContent);
    }
}
