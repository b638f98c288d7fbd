using System.Net;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Search;

public sealed class SearchPageTests : SiteTest
{
    [Fact]
    public async Task Results_page_shows_count_results_facets_and_a_map_without_javascript()
    {
        await Site.SeedAsync(
            An.Organization("Unicorn Grocery").OfTypes("worker").In("GB", "Manchester", 53.44, -2.27),
            An.Organization("Manchester Credit Union").OfTypes("financial").In("GB", "Manchester", 53.48, -2.24),
            An.Organization("Suma").OfTypes("worker").In("GB", "Elland", 53.68, -1.84));

        // As typed: a town's name read as the place is SearchReadingTests' concern.
        var page = await Site.Http.GetPageAsync("/search?q=manchester&as_typed=true");

        Assert.Contains("2", page.QuerySelector(".result-count")!.TextContent);
        Assert.Equal(["Manchester Credit Union", "Unicorn Grocery"], page.Texts(".result h2").Order().ToList());
        var workerFacet = page.QuerySelectorAll(".facet a").Single(a => a.TextContent.Contains("Worker"));
        Assert.Equal("/search?q=manchester&as_typed=true&type=worker", workerFacet.GetAttribute("href"));
        var map = page.QuerySelector("#results-map")!;
        Assert.Equal("/api/v1/organizations/map-points?q=manchester", map.GetAttribute("data-points-url"));
        Assert.Null(page.QuerySelector("script:not([src])"));
    }

    [Fact]
    public async Task The_page_says_what_it_shows_keeps_the_words_and_lists_the_filters_in_use_each_with_a_link_that_removes_it()
    {
        await Site.SeedAsync(
            An.Organization("Leeds Bread").OfTypes("worker").In("GB", "Leeds", 53.8, -1.55),
            An.Organization("Leeds Bread Housing").OfTypes("housing").In("GB", "Leeds", 53.8, -1.55),
            An.Organization("York Bread").OfTypes("worker").In("GB", "York", 53.96, -1.08));

        var page = await Site.Http.GetPageAsync("/search?q=bread&type=worker&locality=Leeds&country=gb");

        Assert.Equal("1 worker cooperative in Leeds, United Kingdom matching “bread”", page.QuerySelector("h1")!.TextContent);
        Assert.StartsWith("1 worker cooperative in Leeds, United Kingdom matching “bread” · ", page.Title);
        Assert.Equal("bread", page.QuerySelector("form.search-form input[name=q]")!.GetAttribute("value"));
        Assert.Equal(["type=worker", "locality=Leeds", "country=gb"],
            page.QuerySelectorAll("form.search-form input[type=hidden]").Select(i => $"{i.GetAttribute("name")}={i.GetAttribute("value")}"));
        Assert.Equal(
            [("Remove Type: Worker×", "/search?q=bread&locality=Leeds&country=gb"),
             ("Remove Country: United Kingdom×", "/search?q=bread&type=worker&locality=Leeds"),
             ("Remove Town or city: Leeds×", "/search?q=bread&type=worker&country=gb")],
            page.QuerySelectorAll(".filter-chips a.chip").Select(a => (a.TextContent, a.GetAttribute("href"))));
        Assert.Equal("/search?q=bread", page.QuerySelector(".filter-chips a.clear-all")!.GetAttribute("href"));
        // "Skip to results" comes before the filters, which come before the results.
        Assert.Equal("#results", page.QuerySelector("a.skip-to-results")!.GetAttribute("href"));
        Assert.Equal(["filter-drawer", "results"], page.QuerySelectorAll(".search-layout > *").Select(e => e.ClassName));
        Assert.Contains("3 in use", page.QuerySelector("details.filter-drawer > summary")!.TextContent);
    }

    [Fact]
    public async Task The_heading_names_a_kind_and_sectors_in_plain_words_and_says_when_nothing_matches()
    {
        await Site.SeedAsync(An.Organization("Bakers' Federation", kind: "network").InSector("retail"), An.Organization("Leeds Council", kind: "municipality"));

        Assert.Equal("1 network in the retail sector", (await Site.Http.GetPageAsync("/search?kind=network&sector=retail")).QuerySelector("h1")!.TextContent);
        Assert.Equal("No networks in the housing or retail sectors matching “leeds”",
            (await Site.Http.GetPageAsync("/search?kind=network&sector=housing,retail&q=leeds")).QuerySelector("h1")!.TextContent);
        var everything = await Site.Http.GetPageAsync("/search?page_size=1");
        Assert.Equal("2 organizations", everything.QuerySelector("h1")!.TextContent);
        Assert.StartsWith("2 organizations (page 1 of 2) · ", everything.Title);
        Assert.Empty(everything.QuerySelectorAll(".filter-chips"));
    }

    [Fact]
    public async Task Following_a_facet_link_filters_and_marks_it_selected()
    {
        await Site.SeedAsync(An.Organization("A").OfTypes("worker"), An.Organization("B").OfTypes("housing"));

        var page = await Site.Http.GetPageAsync("/search?type=housing");

        Assert.Equal(["B"], page.Texts(".result h2"));
        var selected = page.QuerySelector(".facet a[aria-current=true]")!;
        Assert.Contains("Housing", selected.TextContent);
        Assert.Equal("/search", selected.GetAttribute("href"));
    }

    [Fact]
    public async Task The_networks_facet_links_to_its_members_keeping_the_other_filters_and_marks_the_chosen_one()
    {
        var network = (await Site.SeedAsync(An.Organization("Bakers' Federation", kind: "network")))[0];
        await Site.SeedAsync(An.Organization("Leeds Bread").OfTypes("worker").MemberOf(network), An.Organization("York Bread").OfTypes("worker"));

        var page = await Site.Http.GetPageAsync("/search?type=worker");
        var facet = page.QuerySelectorAll(".facet a").Single(a => a.TextContent.Contains("Bakers' Federation"));
        Assert.Equal($"/search?type=worker&member_of={network}", facet.GetAttribute("href"));

        var members = await Site.Http.GetPageAsync(facet.GetAttribute("href")!);
        Assert.Equal(["Leeds Bread"], members.Texts(".result h2"));
        var selected = members.QuerySelectorAll(".facet a[aria-current=true]").Single(a => a.TextContent.Contains("Bakers' Federation"));
        Assert.Equal("/search?type=worker", selected.GetAttribute("href"));
    }

    [Fact]
    public async Task A_bad_member_of_shows_the_error_on_the_page()
    {
        var page = await Site.Http.GetPageAsync("/search?member_of=bakers", System.Net.HttpStatusCode.BadRequest);

        Assert.Contains("member_of", page.QuerySelector(".errors")!.TextContent);
    }

    [Fact]
    public async Task Pages_link_to_each_other()
    {
        await Site.SeedAsync(Enumerable.Range(1, 45).Select(i => An.Organization($"Org {i:00}")).ToArray());

        var second = await Site.Http.GetPageAsync("/search?page=2");

        Assert.Equal("Org 21", second.Texts(".result h2")[0]);
        Assert.Equal("/search?page=1", second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/search?page=3", second.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        Assert.Contains("Page 2 of 3", second.QuerySelector(".pager")!.TextContent);
    }

    [Fact]
    public async Task A_bad_parameter_shows_which_one_and_why()
    {
        var page = await Site.Http.GetPageAsync("/search?near=500,0", HttpStatusCode.BadRequest);

        Assert.Contains("near", page.QuerySelector(".errors")!.TextContent);
        Assert.Contains("latitude", page.QuerySelector(".errors")!.TextContent);
    }

    [Fact]
    public async Task Markup_in_data_is_shown_as_text_never_run()
    {
        await Site.SeedAsync(An.Organization("<script>alert(1)</script><img src=x onerror=alert(2)>").Described("<b onmouseover=alert(3)>hi</b>"));

        using var response = await Site.Http.GetAsync("/search?q=script");
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }
}
