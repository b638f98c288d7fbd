using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;
using Dapper;

namespace Coopdir.Tests.Cli;

[Collection(DemoDirectoryCollection.Name)]
public sealed class MigrateStoreCommandTests(DemoDirectory demo) : SiteTest
{
    private static StoreKind Other => TestStores.Kind == StoreKind.Sqlite ? StoreKind.Postgres : StoreKind.Sqlite;

    [Fact]
    public async Task The_demo_directory_moves_to_the_other_store_and_back_keeping_every_record_and_revision()
    {
        var site = await StartSiteAsync(demo.Copy);
        await site.WriteAsync(async (writer, session) =>
        {
            // History worth keeping: an edit, a deletion and a merge, with ids handed out after them.
            var first = (await OrganizationQueries.GetAsync(session, 1))!;
            await writer.UpdateAsync(session, 1, first.Content with { Description = "Edited before the move" }, new ChangeNote("test", "edit"));
            await writer.DeleteAsync(session, 2, new ChangeNote("test", "delete"));
            return await writer.MergeAsync(session, 3, 4, new ChangeNote("test", "merge"));
        });
        using var there = new TemporaryStore(Other);
        using var back = new TemporaryStore(TestStores.Kind);

        var forth = await CommandLine.RunAsync("migrate-store", "--from", site.StoreSetting, "--to", there.Setting);
        var returned = await CommandLine.RunAsync("migrate-store", "--from", there.Setting, "--to", back.Setting);

        Assert.True(forth.ExitCode == 0, forth.Output + forth.Errors);
        Assert.True(returned.ExitCode == 0, returned.Output + returned.Errors);
        Assert.Contains("every table's rows and checksums match", returned.Output);
        using var backStore = await back.OpenAsync();
        using var thereStore = await there.OpenAsync();
        Assert.Equal(await DumpAsync(site.Store), await DumpAsync(backStore));
        Assert.Equal(await DumpAsync(site.Store), await DumpAsync(thereStore));
    }

    [Fact]
    public async Task Ids_used_before_the_move_are_never_handed_out_again()
    {
        var ids = await Site.SeedAsync(An.Organization("A"), An.Organization("B"));
        await Site.WriteAsync((writer, session) => writer.DeleteAsync(session, ids[1], new ChangeNote("test", "delete")));
        using var there = new TemporaryStore(Other);
        Assert.Equal(0, (await CommandLine.RunAsync("migrate-store", "--from", Site.StoreSetting, "--to", there.Setting)).ExitCode);

        using var store = await there.OpenAsync();
        await using var write = await store.BeginWriteAsync();
        var created = await new OrganizationWriter(TimeProvider.System).CreateAsync(write, An.Organization("C"), new ChangeNote("test", "new"));
        await write.CommitAsync();

        Assert.True(created.Id > ids[1], $"new id {created.Id} reuses one handed out before ({ids[1]})");
    }

    [Fact]
    public async Task A_target_that_is_not_empty_is_refused_and_left_as_it_was()
    {
        var source = Site;
        await source.SeedAsync(An.Organization("A"));
        var target = await StartSiteAsync();
        await target.SeedAsync(An.Organization("Already here"));

        var run = await CommandLine.RunAsync("migrate-store", "--from", source.StoreSetting, "--to", target.StoreSetting);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("already holds a directory", run.Errors);
        var names = (await target.Http.GetJsonAsync("/api/v1/organizations")).Names();
        Assert.Equal(["Already here"], names);
    }

    [Fact]
    public async Task A_row_the_target_cannot_store_is_named_by_table_id_and_column_and_nothing_is_copied()
    {
        // An older SQLite directory may hold a NUL, which PostgreSQL refuses; the validator refuses it today.
        using var sqlite = new TemporaryStore(StoreKind.Sqlite);
        using var postgres = new TemporaryStore(StoreKind.Postgres);
        var site = await StartSiteAsync(new SiteOptions { Store = sqlite.Setting });
        var ids = await site.SeedAsync(An.Organization("Clean Co-op"), An.Organization("Awkward Co-op"));
        await using (var connection = await site.Store.OpenAsync())
            await connection.ExecuteAsync("UPDATE organizations SET description = 'Bread' || char(0) || 'and cakes' WHERE id = @id", new { id = ids[1] });

        var run = await CommandLine.RunAsync("migrate-store", "--from", sqlite.Setting, "--to", postgres.Setting);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"table organizations, id {ids[1]}, column description: the target refused the row because the value contains U+0000 (a control character) at character 6", run.Errors);
        Assert.Equal(0, await postgres.OrganizationCountAsync());
    }

    /// <summary>Everything a directory holds, as comparable text: every record's public JSON and every revision.</summary>
    private static async Task<string> DumpAsync(Store store)
    {
        await using var connection = await store.OpenAsync();
        var ids = connection.Query<long>("SELECT id FROM organizations ORDER BY id").ToList();
        var records = (await OrganizationQueries.LoadAsync(connection, ids)).Select(o => System.Text.Json.JsonSerializer.Serialize(OrganizationDetail.From(o), PublicJson.Options));
        var revisions = connection.Query<(long, long, int, string, string, string, string?, string?)>(
            "SELECT id, organization_id, revision, action, author, created_at, before_json, after_json FROM revisions ORDER BY id")
            .Select(r => r.ToString());
        var tombstones = connection.Query<(long, long?)>("SELECT id, merged_into FROM organization_tombstones ORDER BY id").Select(t => t.ToString());
        var search = await store.Search.RunAsync(connection, new Core.Search.SearchQuery { Text = "co-operative", PageSize = 100, Sort = Core.Search.SearchSort.Name });
        return string.Join('\n', records.Concat(revisions).Concat(tombstones).Append($"search total {search.Total}").Concat(search.Items.Select(i => i.Name)));
    }
}
