using System.Diagnostics;
using System.Text.Json;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Changes;

/// <summary>The test's site is the source; `mirror` writes a store of its own, which a second site then serves for comparison.</summary>
public sealed class MirrorTests : SiteTest, IDisposable
{
    private readonly TemporaryStore mirrorStore = new();

    public void Dispose() => mirrorStore.Dispose();

    [Fact]
    public async Task A_mirror_following_a_source_through_inserts_updates_deletes_and_merges_ends_identical_to_it()
    {
        var (network, bakery, shop) = await Site.WriteAsync(async (writer, session) =>
        {
            var register = await SourceRegistry.UpsertAsync(session, "Bakers' register", "ODC-By-1.0", "Contains bakers' data", "https://example.org/bakers", DateTimeOffset.UtcNow);
            var network = (await writer.CreateAsync(session, An.Organization("Bakers' Federation", kind: "network"), new ChangeNote("alice", "federation"))).Id;
            var bakery = (await writer.CreateAsync(session, An.Organization("Sunrise Bakery \"Ωμέγα\" 🍞").OfTypes("worker").In("GB", "Leeds", 53.8, -1.55)
                with { SourceId = register.Id, SourceRecordId = "B1", Relationships = [An.Relationship(RelationshipTypes.MemberOf, network, null, "member")] }, new ChangeNote("import", "register"))).Id;
            var shop = (await writer.CreateAsync(session, An.Organization("Corner Shop").In("GB", "York") with { Relationships = [An.Relationship(RelationshipTypes.MemberOf, network, null, null)] }, new ChangeNote("bob", "shop"))).Id;
            return (network, bakery, shop);
        });
        var first = await MirrorOnceAsync();

        var duplicate = await Site.WriteAsync(async (writer, session) =>
        {
            await writer.UpdateAsync(session, bakery, (await ContentAsync(bakery)) with { Description = "Sourdough, since 1996" }, new ChangeNote("carol", "describe"));
            await writer.DeleteAsync(session, shop, new ChangeNote("dave", "closed down"));
            await writer.CreateAsync(session, An.Organization("Oven Makers") with { Relationships = [An.Relationship(RelationshipTypes.MemberOf, network, null, "associate")] }, new ChangeNote("dave", "joined"));
            return (await writer.CreateAsync(session, An.Organization("Sunrise Bakery Ltd").In("GB", "Leeds") with { Website = "https://sunrise.example" }, new ChangeNote("erin", "dup"))).Id;
        });
        await Site.WriteAsync(async (writer, session) => await writer.MergeAsync(session, duplicate, bakery, new ChangeNote("frank", "same bakery")));
        await Site.WriteAsync(async (writer, session) => await writer.DeleteAsync(session, network, new ChangeNote("gina", "federation wound up")));
        var second = await MirrorOnceAsync();
        var third = await MirrorOnceAsync();

        Assert.True(first.ExitCode == 0, first.Errors);
        Assert.True(second.ExitCode == 0, second.Errors);
        Assert.Contains("0 changes applied", third.Output);
        var mirror = await StartSiteAsync(new SiteOptions { Store = mirrorStore.Setting });
        var sourceDump = await DumpAsync(Site);
        Assert.Equal(2, sourceDump.Count);
        Assert.Equal(sourceDump, await DumpAsync(mirror));
        Assert.Equal(await HistoryAsync(Site), await HistoryAsync(mirror));
        Assert.Contains("\"licence\":{\"id\":\"ODC-By-1.0\"", sourceDump[0]);
    }

    [Fact]
    public async Task A_mirror_ends_with_the_same_relationships_after_they_are_added_asserted_ended_and_their_object_deleted()
    {
        var (network, bakery, mill, shop) = await Site.WriteAsync(async (writer, session) =>
        {
            var note = new ChangeNote("alice", "seed");
            var network = (await writer.CreateAsync(session, An.Organization("Bakers' Federation", kind: "network"), note)).Id;
            var bakery = (await writer.CreateAsync(session, An.Organization("Sunrise Bakery").MemberOf(network, "2019", "founding member"), note)).Id;
            var mill = (await writer.CreateAsync(session, An.Organization("Stone Mill"), note)).Id;
            var shop = (await writer.CreateAsync(session, An.Organization("Corner Shop"), note)).Id;
            return (network, bakery, mill, shop);
        });
        var first = await MirrorOnceAsync();

        await Site.WriteAsync(async (writer, session) =>
        {
            // Both sides confirm the membership a dataset asserted.
            var content = await ContentAsync(session, bakery);
            var membership = content.Relationships[0];
            return await writer.UpdateAsync(session, bakery, content with
            {
                Relationships = [membership with { Assertions = [.. membership.Assertions, Said(Party.Subject, Stance.Asserts, 1), Said(Party.Object, Stance.Asserts, 2)] }],
            }, new ChangeNote("bakery", "confirmed"));
        });
        await Site.WriteAsync(async (writer, session) => await writer.UpdateAsync(session, mill, (await ContentAsync(session, mill)) with
        {
            Relationships = [An.Relationship("supplier_to", bakery, "2020"), An.Relationship(RelationshipTypes.SubsidiaryOf, bakery), An.Relationship("partner_of", shop)],
        }, new ChangeNote("mill", "links")));
        var partnership = await Site.WriteAsync(async (writer, session) =>
        {
            var content = await ContentAsync(session, mill);
            var supplies = content.Relationships[0];
            await writer.UpdateAsync(session, mill, content with
            {
                Relationships = [supplies with { EndDate = "2025-12", Assertions = [.. supplies.Assertions, Said(Party.Subject, Stance.Ends, 3)] }, .. content.Relationships.Skip(1)],
            }, new ChangeNote("mill", "no longer supplies"));
            return content.Relationships[2].Id;
        });
        // The shop goes, and with it the mill's partnership: the newest relationship id is gone at the source too.
        await Site.WriteAsync(async (writer, session) => await writer.DeleteAsync(session, shop, new ChangeNote("gina", "closed down")));
        var second = await MirrorOnceAsync();

        Assert.True(first.ExitCode == 0, first.Errors);
        Assert.True(second.ExitCode == 0, second.Errors);
        var mirror = await StartSiteAsync(new SiteOptions { Store = mirrorStore.Setting });
        var relationships = await RelationshipsAsync(Site);
        Assert.Equal([("member_of", "corroborated"), ("supplier_to", "ended"), ("subsidiary_of", "proposed")], relationships.Select(r => (r["type"], r["status"])));
        Assert.Equal(relationships, await RelationshipsAsync(mirror));
        Assert.Equal(await DumpAsync(Site), await DumpAsync(mirror));

        // Ids the mirror hands out itself come after every id it copied, the deleted partnership's included.
        using var store = await mirrorStore.OpenAsync();
        await using var write = await store.BeginWriteAsync();
        var mirrored = (await OrganizationQueries.GetAsync(write, network))!.Content;
        await new OrganizationWriter(TimeProvider.System).UpdateAsync(write, network, mirrored with { Relationships = [An.Relationship("partner_of", mill)] }, new ChangeNote("test", "local"));
        var local = (await OrganizationQueries.GetAsync(write, network))!.Content.Relationships.Single();
        await write.CommitAsync();
        Assert.True(local.Id > partnership, $"the mirror handed out relationship id {local.Id}, which its source had used (up to {partnership})");
    }

    [Fact]
    public async Task A_mirror_killed_while_following_resumes_without_losing_or_repeating_a_change()
    {
        var follower = Start("mirror", "--from", Site.BaseAddress.ToString(), "--db", mirrorStore.Setting, "--interval", "1");
        var ids = new List<long>();
        for (var batch = 0; batch < 12; batch++)
        {
            ids.AddRange(await Site.SeedAsync(Enumerable.Range(0, 40).Select(i => An.Organization($"Co-op {batch}-{i}")).ToArray()));
            await Site.WriteAsync(async (writer, session) =>
                await writer.UpdateAsync(session, ids[batch], (await ContentAsync(ids[batch])) with { Description = $"batch {batch}" }, new ChangeNote("t", "edit")));
            if (batch == 6) follower.Kill(entireProcessTree: true);
            await Task.Delay(150);
        }
        await follower.WaitForExitAsync();

        var resumed = await MirrorOnceAsync();

        Assert.True(resumed.ExitCode == 0, resumed.Errors);
        var mirror = await StartSiteAsync(new SiteOptions { Store = mirrorStore.Setting });
        Assert.Equal(await DumpAsync(Site), await DumpAsync(mirror));
        Assert.Equal(await HistoryAsync(Site), await HistoryAsync(mirror));
    }

    [Fact]
    public async Task A_mirror_refuses_a_directory_that_already_has_records_of_its_own()
    {
        await Site.SeedAsync(An.Organization("At the source"));
        var other = await StartSiteAsync(new SiteOptions { Store = mirrorStore.Setting });
        await other.SeedAsync(An.Organization("Already here"));
        await other.DisposeAsync();

        var run = await MirrorOnceAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("starts from an empty directory", run.Errors);
        Assert.Equal(1, await mirrorStore.OrganizationCountAsync());
    }

    [Fact]
    public async Task A_source_that_cannot_be_reached_is_reported_and_exits_non_zero()
    {
        var run = await CommandLine.RunAsync("mirror", "--from", "http://127.0.0.1:9/", "--db", mirrorStore.Setting, "--once");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("http://127.0.0.1:9/api/v1/changes", run.Errors);
    }

    private async Task<OrganizationContent> ContentAsync(long id)
    {
        await using var connection = await Site.Store.OpenAsync();
        return (await OrganizationQueries.GetAsync(connection, id))!.Content;
    }

    private static async Task<OrganizationContent> ContentAsync(WriteSession session, long id) =>
        (await OrganizationQueries.GetAsync(session, id))!.Content;

    private static Assertion Said(Party party, Stance stance, int day) =>
        new(party, Voice.Claimer, stance, DateTimeOffset.Parse("2026-03-01T00:00:00Z").AddDays(day), $"{party} claimer");

    /// <summary>Every relationship with its id, type, status, dates and assertions, as relationships.csv gives them.</summary>
    private static async Task<List<Dictionary<string, string>>> RelationshipsAsync(TestSite site) =>
        Exports.ExportTestData.ReadCsv(await site.Http.GetStringAsync("/api/v1/exports/relationships.csv"));

    private Task<CliRun> MirrorOnceAsync() =>
        CommandLine.RunAsync("mirror", "--from", Site.BaseAddress.ToString(), "--db", mirrorStore.Setting, "--once");

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Site).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Every organization's whole public record, as the API gives it, one JSON line each, by id.</summary>
    private static async Task<List<string>> DumpAsync(TestSite site)
    {
        var ids = new List<long>();
        for (var page = 1; ; page++)
        {
            var result = await site.Http.GetJsonAsync($"/api/v1/organizations?sort=name&page_size=100&page={page}");
            var items = result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
            if (items.Count == 0) break;
            ids.AddRange(items);
        }
        var lines = new List<string>();
        foreach (var id in ids.Order()) lines.Add(JsonSerializer.Serialize(await site.Http.GetJsonAsync($"/api/v1/organizations/{id}")));
        return lines;
    }

    /// <summary>The whole history as the changes feed gives it, less the cursors (each directory numbers its own revisions).</summary>
    private static async Task<List<string>> HistoryAsync(TestSite site)
    {
        var changes = new List<string>();
        var cursor = "";
        while (true)
        {
            var page = await site.Http.GetJsonAsync($"/api/v1/changes?since={cursor}&limit=1000");
            changes.AddRange(page.GetProperty("changes").EnumerateArray().Select(c =>
                JsonSerializer.Serialize(c.EnumerateObject().Where(p => p.Name != "cursor").ToDictionary(p => p.Name, p => p.Value))));
            cursor = page.GetProperty("next").GetString()!;
            if (!page.GetProperty("has_more").GetBoolean()) return changes;
        }
    }
}
