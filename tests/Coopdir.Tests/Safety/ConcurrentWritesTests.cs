using System.Net;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
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

    [Fact]
    public async Task An_edit_goes_through_while_a_long_import_is_still_writing_and_the_feed_has_both_once_in_commit_order()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var editor = await Site.AccountAsync("editor");
        var writer = new OrganizationWriter(TimeProvider.System);
        var importNames = Enumerable.Range(0, 1500).Select(i => $"Imported {i}").Append("Imported 0, renamed").ToList();

        long first;
        HttpStatusCode? editedDuringImport = null;
        await using (var import = await Site.Store.BeginWriteAsync(bulk: true))
        {
            // More revisions than a write keeps in memory, and one record written twice.
            var created = new List<long>();
            foreach (var name in importNames.Take(1500))
                created.Add((await writer.CreateAsync(import, An.Organization(name), new ChangeNote("import", "import"))).Id);
            first = created[0];
            await writer.UpdateAsync(import, first, An.Organization(importNames[^1]), new ChangeNote("import", "rename"));

            var editing = editor.Api.SendAsync(Patches.Phone(id, "0111 111111", "*"));
            // SQLite has one writer at a time: there the edit waits for the import.
            if (Site.Store.Kind == StoreKind.Postgres) editedDuringImport = (await editing).StatusCode;
            await import.CommitAsync();
            Assert.Equal(HttpStatusCode.OK, (await editing).StatusCode);
        }

        var feed = new List<string>();
        string? since = null;
        do
        {
            var page = await Site.Http.GetJsonAsync($"/api/v1/changes?limit=1000{(since is null ? "" : $"&since={since}")}");
            var names = page.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("record").GetProperty("name").GetString()!).ToList();
            feed.AddRange(names);
            since = names.Count == 0 ? null : page.GetProperty("next").GetString();
        } while (since is not null);
        List<string> expected = Site.Store.Kind == StoreKind.Postgres
            ? ["Suma Wholefoods", "Suma Wholefoods", .. importNames]
            : ["Suma Wholefoods", .. importNames, "Suma Wholefoods"];
        Assert.Equal(expected, feed);
        if (Site.Store.Kind == StoreKind.Postgres) Assert.Equal(HttpStatusCode.OK, editedDuringImport);
        var rename = (await Site.Http.GetJsonAsync($"/api/v1/organizations/{first}/revisions"))[0];
        Assert.Equal("Imported 0", rename.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "name")
            .GetProperty("before").GetString());
    }

    [Fact]
    public async Task Two_writers_creating_the_same_name_at_once_each_get_their_own_address()
    {
        long second;
        await using (var first = await Site.Store.BeginWriteAsync())
        {
            await new OrganizationWriter(TimeProvider.System).CreateAsync(first, An.Organization("Suma"), new ChangeNote("a", "first"));
            var creating = Task.Run(() => Site.SeedAsync(An.Organization("Suma")));
            await Task.WhenAny(creating, Task.Delay(300));
            await first.CommitAsync();
            second = (await creating)[0];
        }

        var record = await Site.Http.GetJsonAsync($"/api/v1/organizations/{second}");
        Assert.Equal("suma-2", record.GetProperty("slug").GetString());
    }

    // A write that reads a record and then changes it, started while another write of that record is
    // still open: it waits, then works from what the first one committed.
    private async Task<T> WhileAnotherWriteIsOpenAsync<T>(Func<OrganizationWriter, WriteSession, Task> first, Func<Task<T>> second)
    {
        var writer = new OrganizationWriter(TimeProvider.System);
        await using var open = await Site.Store.BeginWriteAsync();
        await first(writer, open);
        var waiting = Task.Run(second);
        await Task.WhenAny(waiting, Task.Delay(500));
        await open.CommitAsync();
        return await waiting;
    }

    [Fact]
    public async Task A_delete_from_a_revision_another_write_has_just_replaced_is_a_conflict()
    {
        var id = (await Site.SeedAsync(An.Organization("Race One")))[0];

        var deleted = await WhileAnotherWriteIsOpenAsync(
            (writer, session) => writer.UpdateAsync(session, id, An.Organization("Race One, renamed"), new ChangeNote("a", "rename")),
            () => Site.WriteAsync((writer, session) => writer.DeleteAsync(session, id, new ChangeNote("b", "delete"), expectedRevision: 1)));

        Assert.Equal((WriteOutcome.Conflict, 2), (deleted.Outcome, deleted.Revision));
        Assert.Equal("Race One, renamed", (await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_merge_into_a_record_another_write_is_changing_keeps_both_changes()
    {
        var ids = await Site.SeedAsync(An.Organization("Survivor Co"), An.Organization("Duplicate Co") with { Website = "https://duplicate.example" });

        var merged = await WhileAnotherWriteIsOpenAsync(
            (writer, session) => writer.UpdateAsync(session, ids[0], An.Organization("Survivor Co") with { Phone = "0111 111111" }, new ChangeNote("a", "phone")),
            () => Site.WriteAsync((writer, session) => writer.MergeAsync(session, ids[1], ids[0], new ChangeNote("b", "merge"))));

        var survivor = await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids[0]}");
        Assert.Equal(WriteOutcome.Merged, merged.Outcome);
        Assert.Equal(("0111 111111", "https://duplicate.example", 3),
            (survivor.GetProperty("phone").GetString(), survivor.GetProperty("website").GetString(), survivor.GetProperty("revision").GetInt32()));
    }

    [Fact]
    public async Task A_member_joins_a_network_while_another_write_is_changing_that_network()
    {
        var ids = await Site.SeedAsync(An.Organization("Network Co", "network"), An.Organization("Member Co"));
        var writer = new OrganizationWriter(TimeProvider.System);

        WriteResult? joinedWhileOpen = null;
        Task<WriteResult> joining;
        await using (var open = await Site.Store.BeginWriteAsync())
        {
            await writer.UpdateAsync(open, ids[0], An.Organization("Network Co, renamed", "network"), new ChangeNote("a", "rename"));
            joining = Task.Run(() => Site.WriteAsync((w, session) =>
                w.UpdateAsync(session, ids[1], An.Organization("Member Co").MemberOf(ids[0]), new ChangeNote("b", "join"))));
            // PostgreSQL lets the member join meanwhile; SQLite, one writer at a time, has it wait.
            if (Site.Store.Kind == StoreKind.Postgres) joinedWhileOpen = await joining;
            await open.CommitAsync();
        }

        Assert.Equal(WriteOutcome.Updated, (await joining).Outcome);
        if (Site.Store.Kind == StoreKind.Postgres) Assert.Equal(WriteOutcome.Updated, joinedWhileOpen?.Outcome);
        var network = await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids[0]}");
        Assert.Equal("Network Co, renamed", network.GetProperty("name").GetString());
        Assert.Equal(ids[1], network.GetProperty("members").EnumerateArray().Single().GetProperty("organization_id").GetInt64());
    }
}
