using System.Diagnostics;
using System.Text.Json;
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
            var register = await Sources.UpsertAsync(session, "Bakers' register", "ODC-By-1.0", "Contains bakers' data", "https://example.org/bakers", DateTimeOffset.UtcNow);
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
