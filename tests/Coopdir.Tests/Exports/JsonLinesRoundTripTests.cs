using System.Text.Json;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Tests.Support;
using Dapper;

namespace Coopdir.Tests.Exports;

public sealed class JsonLinesRoundTripTests : SiteTest
{
    [Fact]
    public async Task Exporting_as_json_lines_importing_into_an_empty_directory_and_exporting_again_gives_identical_bytes_relationships_included()
    {
        var seeded = await ExportTestData.SeedAsync(Site);
        await ExportTestData.RelateAsync(Site, seeded);
        // A record with history: its revision number and times must come back as they were.
        await Site.WriteAsync(async (writer, session) =>
        {
            var gamma = (await OrganizationQueries.GetAsync(session, seeded.Formula))!;
            return await writer.UpdateAsync(session, seeded.Formula, gamma.Content with { Website = "https://gamma.example" }, new ChangeNote("test", "edit"));
        });
        var first = CommandLine.TempFile("first.jsonl");
        var second = CommandLine.TempFile("second.jsonl");
        using var empty = new TemporaryStore();

        var exported = await CommandLine.RunAsync("export", "--format", "jsonl", "--out", first, "--db", Site.StoreSetting);
        var imported = await CommandLine.RunAsync("import", "--format", "jsonl", first, "--db", empty.Setting);
        var again = await CommandLine.RunAsync("export", "--format", "jsonl", "--out", second, "--db", empty.Setting);

        Assert.True(exported.ExitCode == 0, exported.Errors);
        Assert.True(imported.ExitCode == 0, imported.Errors + imported.Output);
        Assert.Contains("3 added", imported.Output);
        Assert.True(again.ExitCode == 0, again.Errors);
        Assert.Equal(File.ReadAllText(first), File.ReadAllText(second));
        Assert.Contains("\"revision\":3", File.ReadAllText(second));
        using var store = await empty.OpenAsync();
        var restored = await RelationshipsAsync(store);
        Assert.Equal(JsonSerializer.Serialize(await RelationshipsAsync(Site.Store)), JsonSerializer.Serialize(restored));
        Assert.Equal(5, restored.Count);
        Assert.Contains(restored, r => r.Assertions.Count == 2 && r.Assertions[1].Stance == Stance.Ends && r.Assertions[1].Speaker == "editor@example.org");
        Assert.Contains(restored, r => r.Assertions.Any(a => a.Party == Party.Object && a.EvidenceUrl == "https://tricky.example/group"));

        // The restored directory goes on handing out new ids after the restored ones, relationships' too.
        await using var write = await store.BeginWriteAsync();
        var writer = new OrganizationWriter(TimeProvider.System);
        var next = await writer.CreateAsync(write, An.Organization("After the restore").MemberOf(seeded.Network), new ChangeNote("test", "new"));
        var relationship = (await OrganizationQueries.GetAsync(write, next.Id))!.Content.Relationships.Single();
        await write.CommitAsync();
        Assert.True(next.Id > seeded.Formula);
        Assert.True(relationship.Id > restored.Max(r => r.Id), $"relationship id {relationship.Id} was handed out again");
    }

    [Fact]
    public async Task A_directory_without_relationships_restores_from_json_lines()
    {
        await Site.SeedAsync(An.Organization("Alone Co-op"));
        var file = CommandLine.TempFile("alone.jsonl");
        using var empty = new TemporaryStore();
        await CommandLine.RunAsync("export", "--format", "jsonl", "--out", file, "--db", Site.StoreSetting);

        var imported = await CommandLine.RunAsync("import", "--format", "jsonl", file, "--db", empty.Setting);

        Assert.True(imported.ExitCode == 0, imported.Errors + imported.Output);
        Assert.Contains("1 added", imported.Output);
    }

    [Fact]
    public async Task Importing_json_lines_into_a_directory_with_records_gives_new_ids_and_keeps_memberships_between_them()
    {
        var source = Site;
        await ExportTestData.SeedAsync(source);
        var target = await StartSiteAsync();
        await target.SeedAsync(An.Organization("Already here"));
        var file = CommandLine.TempFile("all.jsonl");
        await CommandLine.RunAsync("export", "--format", "jsonl", "--out", file, "--db", source.StoreSetting);

        var imported = await CommandLine.RunAsync("import", "--format", "jsonl", file, "--db", target.StoreSetting);

        Assert.True(imported.ExitCode == 0, imported.Errors + imported.Output);
        Assert.Contains("new ids", imported.Output);
        var list = await target.Http.GetJsonAsync($"/api/v1/organizations?q={Uri.EscapeDataString("Café")}");
        var id = list.GetProperty("items")[0].GetProperty("id").GetInt64();
        var detail = await target.Http.GetJsonAsync($"/api/v1/organizations/{id}");
        Assert.Equal(ExportTestData.TrickyName, detail.GetProperty("name").GetString());
        Assert.Equal("Northern Worker Co-op Federation", detail.GetProperty("member_of")[0].GetProperty("name").GetString());
        Assert.Equal("ODC-By-1.0", (await target.Http.GetJsonAsync($"/api/v1/organizations/{detail.GetProperty("member_of")[0].GetProperty("organization_id").GetInt64()}"))
            .GetProperty("source").GetProperty("licence").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_bad_line_is_reported_by_line_and_field_and_nothing_is_written()
    {
        using var store = new TemporaryStore();
        var file = CommandLine.TempFile("bad.jsonl", string.Join("\n",
            """{"id":1,"slug":"a","name":"Alpha","kind":"cooperative","status":"active","revision":1,"created_at":"2026-01-01T00:00:00+00:00","updated_at":"2026-01-01T00:00:00+00:00"}""",
            """{"id":2,"slug":"b","name":"Beta","kind":"spaceship","status":"active","revision":1,"created_at":"2026-01-01T00:00:00+00:00","updated_at":"2026-01-01T00:00:00+00:00","member_of":[{"organization_id":9,"name":"x"}]}""",
            "{not json"));

        var run = await CommandLine.RunAsync("import", "--format", "jsonl", file, "--db", store.Setting);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 2: kind:", run.Errors);
        Assert.Contains("line 2: relationships[0].object.id: organization 9 is not in the file", run.Errors);
        Assert.Contains("line 3:", run.Errors);
        Assert.Equal(0, await store.OrganizationCountAsync());
    }

    /// <summary>Every relationship in a directory, with its id and assertions, as the subjects' records hold them.</summary>
    private static async Task<List<Relationship>> RelationshipsAsync(Coopdir.Core.Data.Store store)
    {
        await using var connection = await store.OpenAsync();
        var relationships = new List<Relationship>();
        foreach (var id in await connection.QueryAsync<long>("SELECT id FROM organizations ORDER BY id"))
            relationships.AddRange((await OrganizationQueries.GetAsync(connection, id))!.Content.Relationships);
        return relationships;
    }
}
