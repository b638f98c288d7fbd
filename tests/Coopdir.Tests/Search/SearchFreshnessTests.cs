using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Search;

/// <summary>Search keeps a copy of what it filters and ranks on in memory: it must never answer from a stale one.</summary>
public sealed class SearchFreshnessTests : SiteTest
{
    [Fact]
    public async Task Another_instance_sees_creates_renames_and_deletes_in_its_next_search()
    {
        var ids = await Site.SeedAsync(An.Organization("Sunrise Bakery").In("GB", "Leeds"), An.Organization("Moonrise Bakery").In("GB", "York"));
        var other = await StartSiteAsync(new SiteOptions { Store = Site.StoreSetting });
        Assert.Equal(["Moonrise Bakery", "Sunrise Bakery"], (await other.Http.GetJsonAsync("/api/v1/organizations?q=bakery")).Names());

        await Site.WriteAsync(async (writer, session) =>
        {
            await writer.UpdateAsync(session, ids[0], An.Organization("Aardvark Bakery").In("FR", "Lyon"), new ChangeNote("test", "rename"));
            await writer.DeleteAsync(session, ids[1], new ChangeNote("test", "closed"));
            return await writer.CreateAsync(session, An.Organization("Zebra Bakery").In("GB", "Leeds"), new ChangeNote("test", "new"));
        });

        var result = await other.Http.GetJsonAsync("/api/v1/organizations?q=bakery");
        Assert.Equal(["Aardvark Bakery", "Zebra Bakery"], result.Names());
        Assert.Equal(2, result.GetProperty("total").GetInt64());
        var countries = result.GetProperty("facets").GetProperty("country");
        Assert.Equal(1, countries.GetProperty("FR").GetInt64());
        Assert.Equal(1, countries.GetProperty("GB").GetInt64());
        var localities = result.GetProperty("facets").GetProperty("locality");
        Assert.False(localities.TryGetProperty("York", out _));
        Assert.Equal(["Zebra Bakery"], (await other.Http.GetJsonAsync("/api/v1/organizations?locality=leeds")).Names());
    }

    [Fact]
    public async Task A_search_asked_again_after_a_write_answers_with_the_write_though_the_same_search_was_just_answered()
    {
        var ids = await Site.SeedAsync(An.Organization("Sunrise Bakery").In("GB", "Leeds"), An.Organization("Moonrise Bakery").In("GB", "York"));
        for (var i = 0; i < 2; i++)
            Assert.Equal(["Moonrise Bakery", "Sunrise Bakery"], (await Site.Http.GetJsonAsync("/api/v1/organizations?q=bakery&sort=name")).Names());

        await Site.WriteAsync(async (writer, session) =>
        {
            await writer.UpdateAsync(session, ids[1], An.Organization("Moonrise Bakery").In("GB", "Leeds"), new ChangeNote("test", "moved"));
            return 0L;
        });

        var again = await Site.Http.GetJsonAsync("/api/v1/organizations?q=bakery&sort=name");
        Assert.Equal(2, again.GetProperty("facets").GetProperty("locality").GetProperty("Leeds").GetInt64());
        Assert.Equal("Leeds", again.GetProperty("items")[0].GetProperty("locations")[0].GetProperty("locality").GetString());
        // The page asks the same search and shows the same.
        Assert.Equal(["Moonrise Bakery", "Sunrise Bakery"], (await Site.Http.GetPageAsync("/search?q=bakery&sort=name&locality=Leeds")).Texts(".result h2"));
    }
}
