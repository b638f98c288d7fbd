using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coopdir.Core.Relationships;
using Coopdir.Tests.Areas;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Solutions;

/// <summary>The catalogue of shared solutions over the API and on its pages: facets, filters, reuse counts, a solution's detail and section.</summary>
public sealed class SolutionCatalogueTests : SiteTest
{
    [Fact]
    public async Task The_catalogue_counts_each_facet_filters_by_any_of_a_facets_values_and_puts_the_most_reused_first()
    {
        var s = await Catalogue.SeedAsync(Site);

        var all = await Site.Http.GetJsonAsync("/api/v1/solutions");

        Assert.Equal(3, all.GetProperty("total").GetInt64());
        Assert.Equal(["Decidim test", "Consul test", "Open standard test"], all.Names());
        Assert.Equal([2, 1, 0], all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reuse_count").GetInt32()));
        Assert.Equal(("Beta", "MIT OR Apache-2.0"), (all.GetProperty("items")[1].GetProperty("status_label").GetString(), all.GetProperty("items")[1].GetProperty("licence").GetString()));
        Assert.Equal(new Dictionary<string, long> { ["AGPL-3.0-only"] = 1, ["MIT"] = 1, ["Apache-2.0"] = 1, ["CC0-1.0"] = 1 }, Counts(all, "licence"));
        Assert.Equal(new Dictionary<string, long> { ["cooperative"] = 1, ["digital-service"] = 1 }, Counts(all, "maintainer"));
        // Decidim is meant for Spain and used in Lyon; Consul is used in Lyon (Barcelona ended its use).
        Assert.Equal(new Dictionary<string, long> { ["ES"] = 1, ["FR"] = 2 }, Counts(all, "country"));
        Assert.Equal(new Dictionary<string, long> { ["en"] = 1, ["es"] = 1 }, Counts(all, "language"));
        Assert.Equal("16. Peace, justice and strong institutions", all.GetProperty("facets").GetProperty("sdg")[0].GetProperty("label").GetString(), ignoreCase: true);

        Assert.Equal(["Consul test"], (await Site.Http.GetJsonAsync("/api/v1/solutions?licence=Apache-2.0")).Names());
        Assert.Equal(["Decidim test"], (await Site.Http.GetJsonAsync("/api/v1/solutions?maintainer=cooperative")).Names());
        Assert.Equal(["Consul test"], (await Site.Http.GetJsonAsync("/api/v1/solutions?country=fr&status=beta")).Names());
        Assert.Equal(["Decidim test"], (await Site.Http.GetJsonAsync("/api/v1/solutions?q=participatory+democracy")).Names());
        var either = await Site.Http.GetJsonAsync("/api/v1/solutions?licence=MIT,CC0-1.0&sort=name");
        Assert.Equal(["Consul test", "Open standard test"], either.Names());
        // A facet's counts leave out its own filter: the other licences can still be added.
        Assert.Equal(1, Counts(either, "licence")["AGPL-3.0-only"]);
        var paged = await Site.Http.GetJsonAsync("/api/v1/solutions?page=2&page_size=2");
        Assert.Equal(["Open standard test"], paged.Names());

        // A new user counts at once: the catalogue is read again when the directory changes.
        await Site.SeedAsync(An.Organization("Test City of Ghent", kind: "municipality").In("BE", "Ghent").With(An.Relationship("uses_software", s.Standard)));
        var after = await Site.Http.GetJsonAsync("/api/v1/solutions?country=BE");
        Assert.Equal(["Open standard test"], after.Names());
        Assert.Equal(1, after.GetProperty("items")[0].GetProperty("reuse_count").GetInt32());
    }

    [Fact]
    public async Task Wrong_parameters_get_400_naming_each_one_and_an_organization_that_is_no_solution_404()
    {
        var s = await Catalogue.SeedAsync(Site);

        var problem = await Site.Http.GetProblemAsync("/api/v1/solutions?status=finished&maintainer=government&country=XX&page=0&sort=newest");
        var missing = await Site.Http.GetJsonAsync($"/api/v1/solutions/{s.TechCoop}", HttpStatusCode.NotFound);
        await Site.Http.GetJsonAsync("/api/v1/solutions/999999/users/map-points", HttpStatusCode.NotFound);
        var page = await Site.Http.GetPageAsync("/solutions?sdg=18", HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Equal(["country", "maintainer", "page", "sort", "status"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("'finished' is not in the development-status vocabulary", errors.GetProperty("status")[0].GetString());
        Assert.Contains("no shared solution", missing.GetProperty("detail").GetString());
        Assert.Contains("'18' is not in the sdg vocabulary", page.Body!.TextContent);
    }

    [Fact]
    public async Task A_solution_in_detail_has_its_maintainers_funders_and_users_with_status_and_the_parties_its_source_names_unlinked()
    {
        var s = await Catalogue.SeedAsync(Site);

        var decidim = await Site.Http.GetJsonAsync($"/api/v1/solutions/{s.Decidim}");
        var consul = await Site.Http.GetJsonAsync($"/api/v1/solutions/{s.Consul}");
        var points = await Site.Http.GetJsonAsync($"/api/v1/solutions/{s.Decidim}/users/map-points");

        Assert.Equal([s.TechCoop], Ids(decidim, "maintainers"));
        Assert.Equal([s.Foundation], Ids(decidim, "funders"));
        Assert.Equal([s.Barcelona, s.Lyon], Ids(decidim, "users"));
        Assert.All(decidim.GetProperty("users").EnumerateArray(), u => Assert.Equal("proposed", u.GetProperty("status").GetString()));
        Assert.Equal(2, decidim.GetProperty("reuse_count").GetInt32());
        var possible = Assert.Single(decidim.GetProperty("possible_parties").EnumerateArray());
        Assert.Equal(("Digital Service Team", s.DigitalService, "Test Digital Service", "maintains_software"),
            (possible.GetProperty("name").GetString(), possible.GetProperty("possible_organization_id").GetInt64(),
                possible.GetProperty("possible_organization_name").GetString(), possible.GetProperty("relationship_type").GetString()));
        var unresolved = Assert.Single(decidim.GetProperty("unresolved_parties").EnumerateArray());
        Assert.Equal(("Comune di Nessunluogo", "user"), (unresolved.GetProperty("name").GetString(), unresolved.GetProperty("role").GetString()));
        Assert.Equal(["https://github.com/decidim/decidim"], decidim.GetProperty("repositories").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("AGPL-3.0-only", decidim.GetProperty("facts").GetProperty("licence").GetString());
        Assert.Contains(decidim.GetProperty("facets").EnumerateArray(), f => f.GetProperty("scheme").GetString() == "country-of-use"
            && f.GetProperty("values")[0].GetProperty("label").GetString() == "Spain");
        Assert.Equal($"/api/v1/solutions/{s.Decidim}/publiccode.yml", decidim.GetProperty("public_code_url").GetString());
        Assert.Equal(2, points.GetProperty("count").GetInt32());
        // Barcelona ended its use of Consul: still listed with its status, no longer counted.
        Assert.Equal(["ended", "proposed"], consul.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("status").GetString()).Order());
        Assert.Equal(1, consul.GetProperty("reuse_count").GetInt32());
    }

    [Fact]
    public async Task The_pages_show_the_catalogue_a_solutions_section_with_a_way_for_editors_to_confirm_and_what_a_city_uses()
    {
        var s = await Catalogue.SeedAsync(Site);
        var editor = await Session.SignedIn(Site, await Site.AccountAsync("editor"));

        var list = await Site.Http.GetPageAsync("/solutions?licence=AGPL-3.0-only");
        var anonymous = await Site.Http.GetPageAsync($"/organizations/{s.Decidim}");
        var edited = await editor.Http.GetPageAsync($"/organizations/{s.Decidim}");
        var city = await Site.Http.GetPageAsync($"/organizations/{s.Barcelona}");

        Assert.Equal(["Decidim test"], list.Texts(".result-list h2"));
        Assert.Contains("Used by 2 organizations", list.QuerySelector(".result-list")!.TextContent);
        var licences = list.QuerySelectorAll(".facet").Single(f => f.QuerySelector("h2")!.TextContent == "Licence");
        Assert.Contains(licences.QuerySelectorAll("a"), a => a.GetAttribute("aria-current") == "true" && a.GetAttribute("href") == "/solutions");
        Assert.Equal("AGPL-3.0-only", list.QuerySelector("form[action='/solutions'] input[name=licence]")!.GetAttribute("value"));

        var section = anonymous.QuerySelector("section.solution")!;
        Assert.Equal(["Test Tech Co-op"], section.QuerySelectorAll("[data-relationship=maintains_software] li.linked > a:first-child").Select(a => a.TextContent));
        Assert.Contains("Digital Service Team, possibly Test Digital Service", section.QuerySelector("li.possible")!.TextContent);
        Assert.Contains("Comune di Nessunluogo: named by the source, not in the directory", Collapse(section.QuerySelector("li.unresolved")!.TextContent));
        Assert.NotNull(anonymous.QuerySelector("#solution-users-map[data-points-url]"));
        Assert.DoesNotContain("Confirm", section.TextContent);
        var confirm = edited.QuerySelectorAll("section.solution li.possible a").Single(a => a.TextContent.StartsWith("Confirm", StringComparison.Ordinal)).GetAttribute("href")!;
        Assert.Equal($"/organizations/{s.DigitalService}/relationships/new?direction=outgoing&type=maintains_software&other={s.Decidim}", confirm);
        var form = await editor.Http.GetPageAsync(confirm);
        Assert.Equal("maintains_software", form.QuerySelector("select[name=type] option[selected]")!.GetAttribute("value"));
        Assert.Equal($"{s.Decidim}", form.QuerySelector("input[name=other]")!.GetAttribute("value"));

        Assert.Equal("Solutions this city uses", city.QuerySelector("#solutions-used")!.TextContent);
        Assert.Equal(["Decidim test"], city.QuerySelectorAll(".solutions-used li > a").Select(a => a.TextContent));

        // A place's page lists the solutions used by the organizations located within it.
        await TestAreas.LoadAsync(Site);
        await Site.SeedAsync(An.Organization("Test City of Oakland", kind: "municipality").In("US", "Oakland", region: "California")
            .With(An.Relationship("uses_software", s.Consul)));
        var california = await Site.Http.GetPageAsync($"/areas/{TestAreas.California}");
        Assert.Equal(["Consul test"], california.QuerySelector("#area-solutions")!.ParentElement!.QuerySelectorAll("li > a").Select(a => a.TextContent));
    }

    private static Dictionary<string, long> Counts(JsonElement list, string facet) =>
        list.GetProperty("facets").GetProperty(facet).EnumerateArray().ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt64());

    private static List<long> Ids(JsonElement detail, string property) =>
        detail.GetProperty(property).EnumerateArray().Select(o => o.GetProperty("organization_id").GetInt64()).Order().ToList();

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
