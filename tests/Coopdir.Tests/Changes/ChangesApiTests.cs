using System.Text.Json;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;
using Dapper;

namespace Coopdir.Tests.Changes;

public sealed class ChangesApiTests : SiteTest
{
    [Fact]
    public async Task The_feed_lists_creates_updates_deletes_and_merges_in_commit_order_with_their_records_and_licences()
    {
        var (keep, gone, duplicate) = await Site.WriteAsync(async (writer, session) =>
        {
            var source = await SourceRegistry.UpsertAsync(session, "Bakers' register", "ODC-By-1.0", "Contains bakers' data", null, DateTimeOffset.UtcNow);
            var keep = (await writer.CreateAsync(session, An.Organization("Sunrise Bakery") with { SourceId = source.Id, SourceRecordId = "B1" }, new ChangeNote("alice", "new bakery"))).Id;
            var gone = (await writer.CreateAsync(session, An.Organization("Closed Shop"), new ChangeNote("alice", "new shop"))).Id;
            var duplicate = (await writer.CreateAsync(session, An.Organization("Sunrise Bakery Ltd"), new ChangeNote("bob", "dup"))).Id;
            return (keep, gone, duplicate);
        });
        await Site.WriteAsync(async (writer, session) =>
        {
            await writer.UpdateAsync(session, keep, An.Organization("Sunrise Bakery").Described("Bread") with { SourceId = 1, SourceRecordId = "B1" }, new ChangeNote("carol", "describe"));
            await writer.DeleteAsync(session, gone, new ChangeNote("dave", "closed"));
            return await writer.MergeAsync(session, duplicate, keep, new ChangeNote("erin", "same bakery"));
        });

        var page = await Site.Http.GetJsonAsync("/api/v1/changes");
        var changes = page.GetProperty("changes").EnumerateArray().ToList();

        Assert.Equal(
            [(keep, 1, "created"), (gone, 1, "created"), (duplicate, 1, "created"), (keep, 2, "updated"), (gone, 2, "deleted"), (keep, 3, "updated"), (duplicate, 2, "merged")],
            changes.Select(c => (c.GetProperty("organization_id").GetInt64(), c.GetProperty("revision").GetInt32(), c.GetProperty("action").GetString()!)).ToList());
        Assert.Equal("Bread", changes[3].GetProperty("record").GetProperty("description").GetString());
        Assert.Equal("carol", changes[3].GetProperty("author").GetString());
        Assert.Equal("describe", changes[3].GetProperty("summary").GetString());
        var source = changes[0].GetProperty("source");
        Assert.Equal("Bakers' register", source.GetProperty("name").GetString());
        Assert.Equal("ODC-By-1.0", source.GetProperty("licence").GetProperty("id").GetString());
        Assert.Equal("Contains bakers' data", source.GetProperty("attribution").GetString());
        Assert.Equal(JsonValueKind.Null, changes[4].GetProperty("record").ValueKind);
        Assert.Equal(keep, changes[6].GetProperty("merged_into").GetInt64());
        Assert.Contains("Sunrise Bakery Ltd", changes[5].GetProperty("record").GetProperty("alternate_names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(changes[^1].GetProperty("cursor").GetString(), page.GetProperty("next").GetString());
        Assert.False(page.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Following_next_page_by_page_yields_every_change_once_and_then_nothing_new()
    {
        await Site.SeedAsync(An.Organization("A"), An.Organization("B"), An.Organization("C"), An.Organization("D"), An.Organization("E"));

        var names = new List<string>();
        var cursor = "";
        bool hasMore;
        do
        {
            var page = await Site.Http.GetJsonAsync($"/api/v1/changes?since={cursor}&limit=2");
            names.AddRange(page.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("record").GetProperty("name").GetString()!));
            cursor = page.GetProperty("next").GetString()!;
            hasMore = page.GetProperty("has_more").GetBoolean();
        } while (hasMore);
        var after = await Site.Http.GetJsonAsync($"/api/v1/changes?since={cursor}");

        Assert.Equal(["A", "B", "C", "D", "E"], names);
        Assert.Empty(after.GetProperty("changes").EnumerateArray());
        Assert.Equal(cursor, after.GetProperty("next").GetString());
    }

    [Theory]
    [InlineData("since=abc", "since")]
    [InlineData("since=-5", "since")]
    [InlineData("since=1e3", "since")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    public async Task A_garbage_cursor_or_limit_gets_400_problem_details_naming_it(string query, string field)
    {
        var problem = await Site.Http.GetProblemAsync($"/api/v1/changes?{query}");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_follower_never_skips_a_change_that_commits_after_a_later_one()
    {
        await using var first = await Site.Store.BeginWriteAsync();
        await new OrganizationWriter(TimeProvider.System).CreateAsync(first, An.Organization("Slow Writer"), new ChangeNote("a", "first"));
        var second = Task.Run(SecondWriterAsync);
        // PostgreSQL lets the second writer finish meanwhile; SQLite, one writer at a time, has it wait.
        if (Site.Store.Kind == StoreKind.Postgres) await second;
        else await Task.WhenAny(second, Task.Delay(500));

        var during = await Site.Http.GetJsonAsync("/api/v1/changes");
        await first.CommitAsync();
        await second;
        var after = await Site.Http.GetJsonAsync($"/api/v1/changes?since={during.GetProperty("next").GetString()}");

        var seen = Names(during).Concat(Names(after)).ToList();
        Assert.Equal(["Quick Writer", "Slow Writer"], seen.Order());
        if (Site.Store.Kind == StoreKind.Postgres) Assert.Equal(["Quick Writer"], Names(during));
    }

    // On SQLite the second writer waits for the first within the busy timeout; on a loaded machine the first may hold
    // the file longer than that, and the second, refused as busy, tries again: it still commits after the first.
    private async Task SecondWriterAsync()
    {
        while (true)
        {
            try { await Site.SeedAsync(An.Organization("Quick Writer")); return; }
            catch (Microsoft.Data.Sqlite.SqliteException busy) when (busy.SqliteErrorCode == 5) { }
        }
    }

    private static IEnumerable<string> Names(JsonElement page) =>
        page.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("record").GetProperty("name").GetString()!);
}
