using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Home;

[Collection(DemoDirectoryCollection.Name)]
public sealed class DemoDataTests(DemoDirectory demo) : SiteTest(demo.Copy)
{
    [Fact]
    public async Task First_start_loads_the_co_operatives_uk_organizations_with_their_licence()
    {
        var all = await Site.Http.GetJsonAsync("/api/v1/organizations?page_size=1");

        Assert.Equal(7387, all.GetProperty("total").GetInt64());
        Assert.Equal(7385, all.GetProperty("facets").GetProperty("country").GetProperty("GB").GetInt64());
        Assert.Equal(2, all.GetProperty("facets").GetProperty("country").GetProperty("JE").GetInt64());
        await using var connection = await Site.Store.OpenAsync();
        var source = (await SourceRegistry.AllAsync(connection)).Single();
        Assert.Equal("ODC-By-1.0", source.Licence);
        Assert.Equal("Contains Co-operatives UK open data", source.Attribution);
    }

    [Fact]
    public async Task Real_co_ops_are_found_by_name_place_and_type()
    {
        Assert.Equal("Unicorn Grocery Limited", (await Site.Http.GetJsonAsync("/api/v1/organizations?q=unicorn%20grocery")).Names()[0]);
        Assert.Equal("Co-operative Group Limited", (await Site.Http.GetJsonAsync("/api/v1/organizations?q=co-operative%20group%20limited")).Names()[0]);
        var manchesterWorkers = await Site.Http.GetJsonAsync("/api/v1/organizations?locality=Manchester&type=worker");
        Assert.True(manchesterWorkers.GetProperty("total").GetInt64() > 5);
        var nearby = await Site.Http.GetJsonAsync("/api/v1/organizations?near=53.4808,-2.2426&radius_km=2&page_size=100");
        Assert.All(nearby.GetProperty("items").EnumerateArray(), i => Assert.InRange(i.GetProperty("distance_km").GetDouble(), 0, 2));
        Assert.True(nearby.GetProperty("total").GetInt64() > 20);
    }

    [Fact]
    public async Task An_imported_record_shows_its_source_licence_and_essglobal_classifications()
    {
        var id = (await Site.Http.GetJsonAsync("/api/v1/organizations?q=unicorn%20grocery")).GetProperty("items")[0].GetProperty("id").GetInt64();

        var record = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}");
        var page = await Site.Http.GetPageAsync($"/organizations/{id}");

        Assert.Equal("R002167", record.GetProperty("source").GetProperty("record_id").GetString());
        Assert.Equal("ODC-By-1.0", record.GetProperty("source").GetProperty("licence").GetProperty("id").GetString());
        Assert.Contains(record.GetProperty("classifications").EnumerateArray(), c => c.GetProperty("scheme").GetString() == EssGlobal.OrganisationalStructure);
        Assert.Contains("Contains Co-operatives UK open data", page.QuerySelector("section[aria-labelledby=source]")!.TextContent);
        Assert.Contains("Open Data Commons Attribution", page.QuerySelector("section[aria-labelledby=source]")!.TextContent);
    }
}
