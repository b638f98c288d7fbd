using System.Diagnostics;
using System.Text.Json;
using Coopdir.Core.Organizations;
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
        var (network, bakery, shop) = Site.Write((writer, connection, transaction) =>
        {
            var register = Sources.Upsert(connection, transaction, "Bakers' register", "ODC-By-1.0", "Contains bakers' data", "https://example.org/bakers", DateTimeOffset.UtcNow);
            var network = writer.Create(connection, transaction, An.Organization("Bakers' Federation", kind: "network"), new ChangeNote("alice", "federation")).Id;
            var bakery = writer.Create(connection, transaction, An.Organization("Sunrise Bakery \"Ωμέγα\" 🍞").OfTypes("worker").In("GB", "Leeds", 53.8, -1.55)
                with { SourceId = register.Id, SourceRecordId = "B1", MemberOf = [new MembershipLink(network, "member")] }, new ChangeNote("import", "register")).Id;
            var shop = writer.Create(connection, transaction, An.Organization("Corner Shop").In("GB", "York") with { MemberOf = [new MembershipLink(network)] }, new ChangeNote("bob", "shop")).Id;
            return (network, bakery, shop);
        });
        var first = await MirrorOnceAsync();

        var duplicate = Site.Write((writer, connection, transaction) =>
        {
            writer.Update(connection, transaction, bakery, Content(bakery) with { Description = "Sourdough, since 1996" }, new ChangeNote("carol", "describe"));
            writer.Delete(connection, transaction, shop, new ChangeNote("dave", "closed down"));
            writer.Create(connection, transaction, An.Organization("Oven Makers") with { MemberOf = [new MembershipLink(network, "associate")] }, new ChangeNote("dave", "joined"));
            return writer.Create(connection, transaction, An.Organization("Sunrise Bakery Ltd").In("GB", "Leeds") with { Website = "https://sunrise.example" }, new ChangeNote("erin", "dup")).Id;
        });
        Site.Write((writer, connection, transaction) => writer.Merge(connection, transaction, duplicate, bakery, new ChangeNote("frank", "same bakery")));
        Site.Write((writer, connection, transaction) => writer.Delete(connection, transaction, network, new ChangeNote("gina", "federation wound up")));
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
            ids.AddRange(Site.Seed(Enumerable.Range(0, 40).Select(i => An.Organization($"Co-op {batch}-{i}")).ToArray()));
            Site.Write((writer, connection, transaction) =>
                writer.Update(connection, transaction, ids[batch], Content(ids[batch]) with { Description = $"batch {batch}" }, new ChangeNote("t", "edit")));
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
        Site.Seed(An.Organization("At the source"));
        var other = await StartSiteAsync(new SiteOptions { Store = mirrorStore.Setting });
        other.Seed(An.Organization("Already here"));
        await other.DisposeAsync();

        var run = await MirrorOnceAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("starts from an empty directory", run.Errors);
        Assert.Equal(1, mirrorStore.OrganizationCount());
    }

    [Fact]
    public async Task A_source_that_cannot_be_reached_is_reported_and_exits_non_zero()
    {
        var run = await CommandLine.RunAsync("mirror", "--from", "http://127.0.0.1:9/", "--db", mirrorStore.Setting, "--once");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("http://127.0.0.1:9/api/v1/changes", run.Errors);
    }

    private OrganizationContent Content(long id)
    {
        using var connection = Site.Store.Open();
        return OrganizationQueries.Get(connection, id)!.Content;
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
