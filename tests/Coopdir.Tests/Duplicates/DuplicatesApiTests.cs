using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Duplicates;

public sealed class DuplicatesApiTests : SiteTest
{
    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Two pairs of look-alikes (one name without its legal words, one postcode) and one record like neither.</summary>
    private async Task<List<long>> SeedTwoPairsAsync() => await Site.SeedAsync(
        An.Organization("Leeds Bread Co-operative").In("GB", "Leeds", postcode: "LS1 1AA"),
        An.Organization("Leeds Bread Co-op Ltd").In("GB", "Leeds", postcode: "LS1 1AA"),
        An.Organization("Hull Fish Co-operative").In("GB", "Hull", postcode: "HU1 1AA"),
        An.Organization("Hull Fish Co-op Limited").In("GB", "Hull", postcode: "HU1 1AA"),
        An.Organization("Bristol Bikes Co-op").In("GB", "Bristol", postcode: "BS1 1AA"));

    private static async Task<JsonElement> ScanAsync(TestAccount editor)
    {
        using var response = await editor.Api.PostAsync("/api/v1/duplicates/scan", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Body(response);
    }

    private static Task<HttpResponseMessage> DecideAsync(TestAccount account, long pair, object body) =>
        account.Api.PostAsJsonAsync($"/api/v1/duplicates/{pair}/decision", body);

    private static List<long> PairIds(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();

    [Fact]
    public async Task A_scan_queues_each_look_alike_pair_once_and_a_second_scan_queues_nothing_new()
    {
        var ids = await SeedTwoPairsAsync();
        var editor = await Site.AccountAsync("editor");

        var first = await ScanAsync(editor);
        Assert.Equal(5, first.GetProperty("organizations").GetInt32());
        Assert.Equal(2, first.GetProperty("pairs_found").GetInt32());
        Assert.Equal(2, first.GetProperty("queued").GetInt32());

        var list = await editor.Api.GetJsonAsync("/api/v1/duplicates?status=open");
        Assert.Equal(2, list.GetProperty("total").GetInt64());
        var pair = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("first").GetProperty("id").GetInt64() == ids[0]);
        Assert.Equal(ids[1], pair.GetProperty("second").GetProperty("id").GetInt64());
        Assert.Equal("Leeds Bread Co-operative", pair.GetProperty("first").GetProperty("name").GetString());
        Assert.Equal("scan", pair.GetProperty("found_by").GetString());
        Assert.Contains("same postcode", pair.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        var scores = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);

        var second = await ScanAsync(editor);
        Assert.Equal(0, second.GetProperty("queued").GetInt32());
        Assert.Equal(2, second.GetProperty("already_queued").GetInt32());
    }

    [Fact]
    public async Task One_pair_shows_both_records_field_by_field_with_the_differing_rows_marked()
    {
        var ids = await SeedTwoPairsAsync();
        var editor = await Site.AccountAsync("editor");
        await ScanAsync(editor);
        var pair = PairIds(await editor.Api.GetJsonAsync("/api/v1/duplicates"))[0];

        var detail = await editor.Api.GetJsonAsync($"/api/v1/duplicates/{pair}");

        var fields = detail.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!);
        Assert.True(fields["name"].GetProperty("differs").GetBoolean());
        Assert.False(fields["locations"].GetProperty("differs").GetBoolean());
        Assert.Contains("LS1 1AA", fields["locations"].GetProperty("first").GetString());
        Assert.Equal("open", detail.GetProperty("pair").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Same_merges_the_pair_into_the_chosen_survivor_as_the_editors_revision_and_the_duplicates_url_leads_there()
    {
        var ids = await SeedTwoPairsAsync();
        var editor = await Site.AccountAsync("editor", "Eve");
        await ScanAsync(editor);
        var pair = PairIds(await editor.Api.GetJsonAsync("/api/v1/duplicates")).First();
        var (first, second) = await SidesAsync(editor, pair);

        using var decided = await DecideAsync(editor, pair, new { decision = "same", survivor_id = second });

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("same", (await Body(decided)).GetProperty("pair").GetProperty("status").GetString());
        await Site.Http.GetJsonAsync($"/api/v1/organizations/{first}", HttpStatusCode.NotFound);
        var survivor = await Site.Http.GetJsonAsync($"/api/v1/organizations/{second}");
        Assert.Single(survivor.GetProperty("alternate_names").EnumerateArray());
        var history = await Site.Http.GetJsonAsync($"/api/v1/organizations/{second}/revisions");
        Assert.Equal("Eve", history[0].GetProperty("author").GetString());
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Site.BaseAddress };
        using var old = await http.GetAsync($"/organizations/{first}");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/organizations/{second}", old.Headers.Location!.OriginalString);

        Assert.DoesNotContain(pair, PairIds(await editor.Api.GetJsonAsync("/api/v1/duplicates?status=open")));
        Assert.Contains(pair, PairIds(await editor.Api.GetJsonAsync("/api/v1/duplicates?status=decided")));
    }

    [Fact]
    public async Task Same_without_a_survivor_keeps_the_older_record()
    {
        await SeedTwoPairsAsync();
        var editor = await Site.AccountAsync("editor");
        await ScanAsync(editor);
        var pair = PairIds(await editor.Api.GetJsonAsync("/api/v1/duplicates")).First();
        var (first, second) = await SidesAsync(editor, pair);

        using var decided = await DecideAsync(editor, pair, new { decision = "same" });

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        await Site.Http.GetJsonAsync($"/api/v1/organizations/{first}");
        await Site.Http.GetJsonAsync($"/api/v1/organizations/{second}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_pair_marked_not_the_same_is_not_queued_again_and_later_keeps_a_pair_listed_under_later()
    {
        await SeedTwoPairsAsync();
        var editor = await Site.AccountAsync("editor");
        await ScanAsync(editor);
        var pairs = PairIds(await editor.Api.GetJsonAsync("/api/v1/duplicates"));

        using (var notSame = await DecideAsync(editor, pairs[0], new { decision = "not_same" })) Assert.Equal(HttpStatusCode.OK, notSame.StatusCode);
        using (var later = await DecideAsync(editor, pairs[1], new { decision = "later" })) Assert.Equal(HttpStatusCode.OK, later.StatusCode);

        Assert.Empty(PairIds(await editor.Api.GetJsonAsync("/api/v1/duplicates?status=open")));
        Assert.Equal([pairs[1]], PairIds(await editor.Api.GetJsonAsync("/api/v1/duplicates?status=later")));
        Assert.Equal([pairs[0]], PairIds(await editor.Api.GetJsonAsync("/api/v1/duplicates?status=not_same")));
        var rescan = await ScanAsync(editor);
        Assert.Equal(0, rescan.GetProperty("queued").GetInt32());
        Assert.Equal(1, rescan.GetProperty("already_decided").GetInt32());
        Assert.Equal(1, rescan.GetProperty("already_queued").GetInt32());
        // A pair left for later can still be decided.
        using var decided = await DecideAsync(editor, pairs[1], new { decision = "not_same" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
    }

    [Fact]
    public async Task Deciding_a_decided_pair_is_409_and_of_two_concurrent_merges_of_one_pair_one_wins()
    {
        await SeedTwoPairsAsync();
        var editor = await Site.AccountAsync("editor");
        var other = await Site.AccountAsync("editor");
        await ScanAsync(editor);
        var pairs = PairIds(await editor.Api.GetJsonAsync("/api/v1/duplicates"));

        var racing = await Task.WhenAll(DecideAsync(editor, pairs[0], new { decision = "same" }), DecideAsync(other, pairs[0], new { decision = "same" }));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], racing.Select(r => r.StatusCode).Order());
        var problem = await Body(racing.Single(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Contains($"Pair {pairs[0]}", problem.GetProperty("detail").GetString());

        using (var first = await DecideAsync(editor, pairs[1], new { decision = "not_same" })) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var again = await DecideAsync(other, pairs[1], new { decision = "later" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType!.MediaType);
        Assert.Contains("already decided", (await Body(again)).GetProperty("detail").GetString());
        foreach (var response in racing) response.Dispose();
    }

    [Fact]
    public async Task A_bad_decision_is_400_naming_the_field_and_an_unknown_pair_is_404()
    {
        var ids = await SeedTwoPairsAsync();
        var editor = await Site.AccountAsync("editor");
        await ScanAsync(editor);
        var pair = PairIds(await editor.Api.GetJsonAsync("/api/v1/duplicates"))[0];

        foreach (var (body, field) in new (object, string)[]
        {
            (new { decision = "maybe" }, "decision"),
            (new { }, "decision"),
            (new { decision = "same", survivor_id = ids[4] }, "survivor_id"),
            (new { decision = "not_same", survivor_id = ids[0] }, "survivor_id"),
            (new { decision = "same", reason = "extra" }, "reason"),
        })
        {
            using var response = await DecideAsync(editor, pair, body);
            var problem = await Body(response);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(body)}: {(int)response.StatusCode} {problem}");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{JsonSerializer.Serialize(body)}: {problem}");
        }
        using (var huge = await editor.Api.PostAsync($"/api/v1/duplicates/{pair}/decision",
            new StringContent($$"""{"decision":"{{new string('x', 17 * 1024)}}"}""", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.True((await editor.Api.GetProblemAsync("/api/v1/duplicates?status=maybe")).GetProperty("errors").TryGetProperty("status", out _));
        Assert.True((await editor.Api.GetProblemAsync("/api/v1/duplicates?page=0")).GetProperty("errors").TryGetProperty("page", out _));
        using var unknown = await DecideAsync(editor, 999_999, new { decision = "not_same" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await editor.Api.GetJsonAsync("/api/v1/duplicates/999999", HttpStatusCode.NotFound);
        await editor.Api.GetJsonAsync($"/api/v1/duplicates/{pair}");
    }

    [Fact]
    public async Task Only_editors_and_above_see_the_queue_decide_and_scan()
    {
        await SeedTwoPairsAsync();
        var editor = await Site.AccountAsync("editor");
        await ScanAsync(editor);
        var pair = PairIds(await editor.Api.GetJsonAsync("/api/v1/duplicates"))[0];
        var contributor = await Site.AccountAsync("contributor");
        var maintainer = await Site.AccountAsync("maintainer");

        using (var anonymous = await Site.Http.GetAsync("/api/v1/duplicates")) Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        foreach (var url in new[] { "/api/v1/duplicates", $"/api/v1/duplicates/{pair}" })
            using (var refused = await contributor.Api.GetAsync(url)) Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using (var refused = await contributor.Api.PostAsync("/api/v1/duplicates/scan", null)) Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using (var refused = await DecideAsync(contributor, pair, new { decision = "not_same" })) Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var reader = await Session.SignedIn(Site, contributor);
        using (var page = await reader.Http.GetAsync("/review/duplicates")) Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        using (var page = await Session.Anonymous(Site).Http.GetAsync("/review/duplicates"))
            Assert.Contains("/sign-in", page.Headers.Location?.OriginalString);

        using var decided = await DecideAsync(maintainer, pair, new { decision = "not_same" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var pages = await Session.SignedIn(Site, editor);
        using var list = await pages.Http.GetAsync("/review/duplicates?status=decided");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("not the same", await list.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_waiting_pair_whose_organization_was_deleted_is_no_longer_listed()
    {
        var ids = await SeedTwoPairsAsync();
        var editor = await Site.AccountAsync("editor");
        await ScanAsync(editor);
        await Site.WriteAsync((writer, session) => writer.DeleteAsync(session, ids[0], new ChangeNote("test", "closed")));

        var list = await editor.Api.GetJsonAsync("/api/v1/duplicates");

        Assert.Equal(1, list.GetProperty("total").GetInt64());
        Assert.DoesNotContain(ids[0], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("first").GetProperty("id").GetInt64()));
    }

    private static async Task<(long First, long Second)> SidesAsync(TestAccount editor, long pair)
    {
        var detail = (await editor.Api.GetJsonAsync($"/api/v1/duplicates/{pair}")).GetProperty("pair");
        return (detail.GetProperty("first").GetProperty("id").GetInt64(), detail.GetProperty("second").GetProperty("id").GetInt64());
    }
}
