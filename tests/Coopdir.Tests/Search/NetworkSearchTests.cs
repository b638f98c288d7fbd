using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Search;

/// <summary>Search by network membership (member_of, transitive, relationship_status) and the networks facet, over the API.</summary>
public sealed class NetworkSearchTests : SiteTest
{
    private Task<List<long>> SeedAsync(params OrganizationContent[] organizations) => Site.SeedAsync(organizations);

    private Task UpdateAsync(long id, OrganizationContent content) =>
        Site.WriteAsync((writer, session) => writer.UpdateAsync(session, id, content, new ChangeNote("test", "edit")));

    private async Task<IReadOnlyList<string>> NamesAsync(string query) =>
        (await Site.Http.GetJsonAsync($"/api/v1/organizations?{query}&sort=name&page_size=100")).Names();

    private static Relationship Membership(long network) => An.Relationship(RelationshipTypes.MemberOf, network);

    [Fact]
    public async Task Member_of_finds_current_members_whatever_their_status_but_not_past_or_disputed_ones()
    {
        var network = (await SeedAsync(An.Organization("Bakers' Federation", kind: "network")))[0];
        await SeedAsync(
            An.Organization("Proposed Bakery").MemberOf(network),
            An.Organization("Claimed Bakery").With(Membership(network).Said(Party.Subject, Stance.Asserts)),
            An.Organization("Corroborated Bakery").With(Membership(network).Said(Party.Subject, Stance.Asserts).Said(Party.Object, Stance.Asserts)),
            An.Organization("Former Bakery").With(Membership(network).Said(Party.Subject, Stance.Ends)),
            An.Organization("Disputed Bakery").With(Membership(network).Said(Party.Object, Stance.Denies)),
            An.Organization("Partner Bakery").With(An.Relationship("partner_of", network)),
            An.Organization("Unrelated Bakery"));

        Assert.Equal(["Claimed Bakery", "Corroborated Bakery", "Proposed Bakery"], await NamesAsync($"member_of={network}"));
        Assert.Equal(["Former Bakery"], await NamesAsync($"member_of={network}&relationship_status=ended"));
        Assert.Equal(["Disputed Bakery", "Former Bakery"], await NamesAsync($"member_of={network}&relationship_status=ended,disputed"));
        Assert.Equal(["Claimed Bakery", "Corroborated Bakery"], await NamesAsync($"member_of={network}&relationship_status=claimed&relationship_status=CORROBORATED"));
    }

    [Fact]
    public async Task Transitive_member_of_adds_members_of_members_at_any_depth_and_a_cycle_ends_where_it_began()
    {
        var federation = (await SeedAsync(An.Organization("Federation", kind: "network")))[0];
        var regional = (await SeedAsync(An.Organization("Regional Network", kind: "network").MemberOf(federation)))[0];
        var local = (await SeedAsync(An.Organization("Local Network", kind: "network").MemberOf(regional)))[0];
        await SeedAsync(
            An.Organization("Corner Shop").MemberOf(local),
            An.Organization("Direct Member").MemberOf(federation),
            An.Organization("Left Regional").With(Membership(regional).Said(Party.Subject, Stance.Ends)));
        // The federation joins its own grandchild: a cycle.
        await UpdateAsync(federation, An.Organization("Federation", kind: "network").MemberOf(local));

        Assert.Equal(["Direct Member", "Regional Network"], await NamesAsync($"member_of={federation}"));
        Assert.Equal(["Corner Shop", "Direct Member", "Local Network", "Regional Network"],
            await NamesAsync($"member_of={federation}&transitive=true"));
        Assert.Equal(["Corner Shop", "Direct Member", "Federation", "Regional Network"], await NamesAsync($"member_of={local}&transitive=true"));
        Assert.Equal(["Left Regional"], await NamesAsync($"member_of={federation}&transitive=true&relationship_status=ended"));
        Assert.Equal(["Direct Member", "Regional Network"], await NamesAsync($"member_of={federation}&transitive=false"));
    }

    [Fact]
    public async Task Relationship_status_alone_finds_organizations_at_either_end_of_a_relationship_with_that_status()
    {
        var supplier = (await SeedAsync(An.Organization("Flour Mill")))[0];
        var partner = (await SeedAsync(An.Organization("Grain Co-op")))[0];
        await SeedAsync(
            An.Organization("Bakery").With(An.Relationship("supplier_to", supplier).Said(Party.Object, Stance.Denies)),
            An.Organization("Pasta Maker").With(An.Relationship("partner_of", partner)),
            An.Organization("Loner"));

        Assert.Equal(["Bakery", "Flour Mill"], await NamesAsync("relationship_status=disputed"));
        Assert.Equal(["Grain Co-op", "Pasta Maker"], await NamesAsync("relationship_status=proposed"));
        Assert.Equal(["Bakery", "Flour Mill", "Grain Co-op", "Pasta Maker"], await NamesAsync("relationship_status=proposed,disputed"));
    }

    [Fact]
    public async Task The_networks_facet_counts_current_memberships_under_the_networks_name_and_follows_changes()
    {
        var networks = await SeedAsync(An.Organization("Bakers' Federation", kind: "network"), An.Organization("Growers' Union", kind: "network"));
        var (bakers, growers) = (networks[0], networks[1]);
        var members = await SeedAsync(
            An.Organization("Leeds Bread").MemberOf(bakers).MemberOf(growers),
            An.Organization("York Bread").MemberOf(bakers),
            An.Organization("Old Bread").With(Membership(bakers).Said(Party.Subject, Stance.Ends)));

        var facet = (await Site.Http.GetJsonAsync("/api/v1/organizations")).GetProperty("facets").GetProperty("networks");
        Assert.Equal([($"{bakers}", 2L), ($"{growers}", 1L)], facet.EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())));

        // A member leaves (a revision of the member); a network is renamed (a revision of the network only).
        await UpdateAsync(members[0], An.Organization("Leeds Bread").MemberOf(growers));
        await UpdateAsync(growers, An.Organization("Growers' Co-operative Union", kind: "network"));

        var page = await Site.Http.GetPageAsync("/search");
        var links = page.QuerySelectorAll(".facet a").Where(a => a.GetAttribute("href")!.Contains("member_of")).ToList();
        Assert.Equal(["Bakers' Federation", "Growers' Co-operative Union"], links.Select(a => a.TextContent.Trim()));
        Assert.Equal(["1", "1"], links.Select(a => a.ParentElement!.QuerySelector(".count")!.TextContent));
    }

    [Fact]
    public async Task Statistics_map_points_and_exports_select_the_same_members_as_search()
    {
        var network = (await SeedAsync(An.Organization("Federation", kind: "network")))[0];
        var regional = (await SeedAsync(An.Organization("Regional", kind: "network").In("GB", "York", 53.96, -1.08).MemberOf(network)))[0];
        await SeedAsync(
            An.Organization("Leeds Member").In("GB", "Leeds", 53.8, -1.55).MemberOf(regional),
            An.Organization("Paris Member").In("FR", "Paris", 48.86, 2.35).MemberOf(network),
            An.Organization("Outsider").In("GB", "Hull", 53.74, -0.33));
        var query = $"member_of={network}&transitive=true&country=GB";

        var stats = await Site.Http.GetJsonAsync($"/api/v1/stats?group_by=country&{query}");
        var points = await Site.Http.GetJsonAsync($"/api/v1/organizations/map-points?{query}");
        var csv = await Site.Http.GetStringAsync($"/api/v1/exports/organizations.csv?{query}");

        Assert.Equal(["Leeds Member", "Regional"], await NamesAsync(query));
        Assert.Equal(2, stats.GetProperty("total").GetInt64());
        Assert.Equal(["Leeds Member", "Regional"], points.GetProperty("points").EnumerateArray().Select(p => p[3].GetString()).Order());
        Assert.Contains("Leeds Member", csv);
        Assert.Contains("Regional", csv);
        Assert.DoesNotContain("Paris Member", csv);
        Assert.DoesNotContain("Outsider", csv);
    }

    [Fact]
    public async Task A_network_no_organization_is_a_member_of_matches_nothing()
    {
        await SeedAsync(An.Organization("Alone"));

        var result = await Site.Http.GetJsonAsync("/api/v1/organizations?member_of=999999&transitive=true");

        Assert.Equal(0, result.GetProperty("total").GetInt64());
        Assert.Empty(result.GetProperty("facets").GetProperty("networks").EnumerateObject());
    }

    [Theory]
    [InlineData("member_of=abc", "member_of")]
    [InlineData("member_of=0", "member_of")]
    [InlineData("member_of=-4", "member_of")]
    [InlineData("member_of=1&transitive=maybe", "transitive")]
    [InlineData("transitive=true", "transitive")]
    [InlineData("relationship_status=gone", "relationship_status")]
    [InlineData("member_of=1&relationship_status=current", "relationship_status")]
    public async Task A_bad_relationship_parameter_gets_400_naming_it(string query, string parameter)
    {
        var problem = await Site.Http.GetProblemAsync($"/api/v1/organizations?{query}");

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task More_than_fifty_networks_are_refused()
    {
        var problem = await Site.Http.GetProblemAsync($"/api/v1/organizations?member_of={string.Join(",", Enumerable.Range(1, 51))}");

        Assert.Contains("more than 50", problem.GetProperty("errors").GetProperty("member_of")[0].GetString());
    }
}
