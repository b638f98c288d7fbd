using System.Net;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Safety;

/// <summary>Many writers at once on a freshly started site: every one gets a clear answer within seconds, none a 500.</summary>
public sealed class ConcurrentWritesTests() : SiteTest(new SiteOptions { Configuration = ["--RateLimits:WritesPerMinute=100000"] })
{
    [Fact]
    public async Task Fifty_edits_of_one_record_from_one_revision_give_exactly_one_winner_and_forty_nine_412s()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var editor = await Site.AccountAsync("editor");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            editor.Api.SendAsync(Patches.Phone(id, $"0111 {i:000000}", "\"1\"", "burst"))));

        var statuses = responses.GroupBy(r => r.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<HttpStatusCode, int> { [HttpStatusCode.OK] = 1, [HttpStatusCode.PreconditionFailed] = 49 }, statuses);
        var record = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}");
        Assert.Equal(2, record.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task Two_hundred_edits_of_different_records_all_apply()
    {
        var ids = await Site.SeedAsync(Enumerable.Range(0, 200).Select(i => An.Organization($"Co-op {i}")).ToArray());
        var editor = await Site.AccountAsync("editor");

        var responses = await Task.WhenAll(ids.Select(id => editor.Api.SendAsync(Patches.Phone(id, "0111 111111", "\"1\"", "burst"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var changes = await Site.Http.GetJsonAsync("/api/v1/changes?limit=1000");
        Assert.Equal(400, changes.GetProperty("changes").GetArrayLength());
    }
}
