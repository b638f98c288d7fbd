using System.Net;
using System.Text.Json;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Relationships;

/// <summary>The relationship graph over the API: neighbourhoods, paths and network sizes.</summary>
public sealed class GraphApiTests : SiteTest
{
    private Task UpdateAsync(long id, OrganizationContent content) =>
        Site.WriteAsync((writer, session) => writer.UpdateAsync(session, id, content, new ChangeNote("test", "edit")));

    private static IReadOnlyList<(string Name, int Depth)> Nodes(JsonElement body) =>
        body.GetProperty("nodes").EnumerateArray().Select(n => (n.GetProperty("name").GetString()!, n.GetProperty("depth").GetInt32())).ToList();

    /// <summary>Federation ← Network ← Bakery → (partner) Mill → (supplier) Farm, and an ended membership of Former in Network.</summary>
    private async Task<Dictionary<string, long>> ChainAsync()
    {
        var ids = new Dictionary<string, long>();
        ids["Federation"] = (await Site.SeedAsync(An.Organization("Federation", kind: "network")))[0];
        ids["Network"] = (await Site.SeedAsync(An.Organization("Network", kind: "network").MemberOf(ids["Federation"])))[0];
        ids["Farm"] = (await Site.SeedAsync(An.Organization("Farm")))[0];
        ids["Mill"] = (await Site.SeedAsync(An.Organization("Mill").With(An.Relationship("supplier_to", ids["Farm"]))))[0];
        ids["Bakery"] = (await Site.SeedAsync(An.Organization("Bakery").MemberOf(ids["Network"]).With(An.Relationship("partner_of", ids["Mill"]))))[0];
        ids["Former"] = (await Site.SeedAsync(An.Organization("Former")
            .With(An.Relationship(RelationshipTypes.MemberOf, ids["Network"]).Said(Party.Subject, Stance.Ends))))[0];
        return ids;
    }

    [Fact]
    public async Task Neighbours_follow_current_relationships_either_way_round_nearest_first()
    {
        var ids = await ChainAsync();

        var one = await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids["Bakery"]}/neighbours");
        var two = await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids["Bakery"]}/neighbours?depth=2");

        Assert.Equal([("Bakery", 0), ("Network", 1), ("Mill", 1)], Nodes(one).OrderBy(n => n.Depth).ThenBy(n => ids[n.Name]));
        Assert.Equal([("Bakery", 0), ("Network", 1), ("Mill", 1), ("Federation", 2), ("Farm", 2)], Nodes(two).OrderBy(n => n.Depth).ThenBy(n => ids[n.Name]));
        Assert.False(two.GetProperty("truncated").GetBoolean());
        var links = two.GetProperty("relationships").EnumerateArray()
            .Select(l => (l.GetProperty("subject_id").GetInt64(), l.GetProperty("object_id").GetInt64(), l.GetProperty("type").GetString(), l.GetProperty("status").GetString()))
            .OrderBy(l => l.Item1).ThenBy(l => l.Item2).ToList();
        Assert.Equal([
            (ids["Network"], ids["Federation"], "member_of", "proposed"),
            (ids["Mill"], ids["Farm"], "supplier_to", "proposed"),
            (ids["Bakery"], ids["Network"], "member_of", "proposed"),
            (ids["Bakery"], ids["Mill"], "partner_of", "proposed")], links);
    }

    [Fact]
    public async Task Neighbours_by_type_follow_only_those_types()
    {
        var ids = await ChainAsync();

        var members = await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids["Bakery"]}/neighbours?depth=4&type=member_of");
        var trade = await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids["Bakery"]}/neighbours?depth=4&type=partner_of,supplier_to");

        Assert.Equal(["Bakery", "Network", "Federation"], Nodes(members).Select(n => n.Name));
        Assert.Equal(["Bakery", "Mill", "Farm"], Nodes(trade).Select(n => n.Name));
    }

    [Fact]
    public async Task Neighbours_stop_at_the_limit_and_say_they_were_truncated()
    {
        var network = (await Site.SeedAsync(An.Organization("Big Network", kind: "network")))[0];
        await Site.SeedAsync(Enumerable.Range(1, 12).Select(i => An.Organization($"Member {i:00}").MemberOf(network)).ToArray());

        var cut = await Site.Http.GetJsonAsync($"/api/v1/organizations/{network}/neighbours?limit=5");
        var whole = await Site.Http.GetJsonAsync($"/api/v1/organizations/{network}/neighbours?limit=13");

        Assert.True(cut.GetProperty("truncated").GetBoolean());
        Assert.Equal(5, cut.GetProperty("nodes").GetArrayLength());
        Assert.Equal(4, cut.GetProperty("relationships").GetArrayLength());
        Assert.False(whole.GetProperty("truncated").GetBoolean());
        Assert.Equal(13, whole.GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task A_path_is_a_shortest_chain_either_way_round_within_the_depth()
    {
        var ids = await ChainAsync();
        await Site.SeedAsync(An.Organization("Shortcut").MemberOf(ids["Federation"]).With(An.Relationship("partner_of", ids["Farm"])));

        var path = await Site.Http.GetJsonAsync($"/api/v1/graph/path?from={ids["Farm"]}&to={ids["Network"]}");
        var tooShort = await Site.Http.GetJsonAsync($"/api/v1/graph/path?from={ids["Farm"]}&to={ids["Network"]}&max_depth=2");
        var byType = await Site.Http.GetJsonAsync($"/api/v1/graph/path?from={ids["Farm"]}&to={ids["Network"]}&type=member_of,partner_of,supplier_to");
        var none = await Site.Http.GetJsonAsync($"/api/v1/graph/path?from={ids["Farm"]}&to={ids["Former"]}");

        Assert.True(path.GetProperty("found").GetBoolean());
        Assert.Equal(3, path.GetProperty("length").GetInt32());
        Assert.Equal(4, path.GetProperty("nodes").GetArrayLength());
        Assert.Equal(ids["Farm"], path.GetProperty("nodes")[0].GetProperty("id").GetInt64());
        Assert.Equal(ids["Network"], path.GetProperty("nodes")[3].GetProperty("id").GetInt64());
        Assert.Equal(3, path.GetProperty("relationships").GetArrayLength());
        Assert.False(tooShort.GetProperty("found").GetBoolean());
        Assert.Empty(tooShort.GetProperty("nodes").EnumerateArray());
        Assert.Equal(3, byType.GetProperty("length").GetInt32());
        Assert.False(none.GetProperty("found").GetBoolean());
        Assert.False(none.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task A_path_from_an_organization_to_itself_is_empty()
    {
        var id = (await Site.SeedAsync(An.Organization("Alone")))[0];

        var path = await Site.Http.GetJsonAsync($"/api/v1/graph/path?from={id}&to={id}");

        Assert.True(path.GetProperty("found").GetBoolean());
        Assert.Equal(0, path.GetProperty("length").GetInt32());
        Assert.Equal(["Alone"], path.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_networks_size_counts_members_of_members_once_each_even_in_a_cycle()
    {
        var ids = await ChainAsync();
        await Site.SeedAsync(An.Organization("Second Bakery").MemberOf(ids["Network"]), An.Organization("Direct").MemberOf(ids["Federation"]));
        await UpdateAsync(ids["Federation"], An.Organization("Federation", kind: "network").MemberOf(ids["Network"]));

        var federation = await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids["Federation"]}/network");
        var network = await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids["Network"]}/network");
        var bakery = await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids["Bakery"]}/network");

        Assert.Equal(("Federation", 2, 4, 2), (federation.GetProperty("name").GetString(), federation.GetProperty("direct_members").GetInt32(),
            federation.GetProperty("members").GetInt32(), federation.GetProperty("levels").GetInt32()));
        Assert.Equal((3, 4), (network.GetProperty("direct_members").GetInt32(), network.GetProperty("members").GetInt32()));
        Assert.Equal((0, 0, 0), (bakery.GetProperty("direct_members").GetInt32(), bakery.GetProperty("members").GetInt32(), bakery.GetProperty("levels").GetInt32()));
        Assert.Equal($"/api/v1/organizations?member_of={ids["Federation"]}&transitive=true", federation.GetProperty("members_url").GetString());
        var listed = await Site.Http.GetJsonAsync(federation.GetProperty("members_url").GetString()!);
        Assert.Equal(4, listed.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_relationship_that_ends_leaves_the_next_walk()
    {
        var ids = await ChainAsync();
        Assert.Equal(3, (await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids["Bakery"]}/neighbours")).GetProperty("nodes").GetArrayLength());

        await UpdateAsync(ids["Bakery"], An.Organization("Bakery").MemberOf(ids["Network"])
            .With(An.Relationship("partner_of", ids["Mill"]).Said(Party.Subject, Stance.Ends)));

        var after = await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids["Bakery"]}/neighbours");
        Assert.Equal(["Bakery", "Network"], Nodes(after).Select(n => n.Name));
        Assert.Equal(["Mill", "Farm"], Nodes(await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids["Mill"]}/neighbours")).Select(n => n.Name));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_graph_and_the_network_filters_with_their_parameters()
    {
        var paths = (await Site.Http.GetJsonAsync("/openapi/v1.json")).GetProperty("paths");
        IReadOnlyList<string?> Parameters(string path) =>
            paths.GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();

        Assert.Equal(["id", "depth", "type", "limit"], Parameters("/api/v1/organizations/{id}/neighbours"));
        Assert.Equal(["id"], Parameters("/api/v1/organizations/{id}/network"));
        Assert.Equal(["from", "to", "max_depth", "type"], Parameters("/api/v1/graph/path"));
        Assert.Subset(Parameters("/api/v1/organizations").ToHashSet(), new HashSet<string?> { "member_of", "transitive", "relationship_status" });
    }

    [Theory]
    [InlineData("/api/v1/organizations/{id}/neighbours")]
    [InlineData("/api/v1/organizations/{id}/network")]
    [InlineData("/api/v1/graph/path?from={id}&to={known}")]
    [InlineData("/api/v1/graph/path?from={known}&to={id}")]
    public async Task An_unknown_organization_gets_404_naming_it(string url)
    {
        var known = (await Site.SeedAsync(An.Organization("Known")))[0];

        using var response = await Site.Http.GetAsync(url.Replace("{id}", "987654").Replace("{known}", $"{known}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("987654", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/v1/organizations/{id}/neighbours?depth=0", "depth")]
    [InlineData("/api/v1/organizations/{id}/neighbours?depth=5", "depth")]
    [InlineData("/api/v1/organizations/{id}/neighbours?depth=two", "depth")]
    [InlineData("/api/v1/organizations/{id}/neighbours?limit=0", "limit")]
    [InlineData("/api/v1/organizations/{id}/neighbours?limit=1001", "limit")]
    [InlineData("/api/v1/organizations/{id}/neighbours?type=friend_of", "type")]
    [InlineData("/api/v1/graph/path?to={id}", "from")]
    [InlineData("/api/v1/graph/path?from=x&to={id}", "from")]
    [InlineData("/api/v1/graph/path?from={id}&to=-1", "to")]
    [InlineData("/api/v1/graph/path?from={id}&to={id}&max_depth=7", "max_depth")]
    [InlineData("/api/v1/graph/path?from={id}&to={id}&type=nope", "type")]
    public async Task A_bad_graph_parameter_gets_400_naming_it(string url, string parameter)
    {
        var id = (await Site.SeedAsync(An.Organization("Known")))[0];

        var problem = await Site.Http.GetProblemAsync(url.Replace("{id}", $"{id}"));

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }
}
