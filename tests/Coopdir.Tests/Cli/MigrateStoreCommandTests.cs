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
        using (var connection = site.Store.Open())
        using (var transaction = connection.BeginTransaction())
        {
            // History worth keeping: an edit, a deletion and a merge, with ids handed out after them.
            var writer = new OrganizationWriter(site.Store, TimeProvider.System);
            var first = OrganizationQueries.Get(connection, 1)!;
            writer.Update(connection, transaction, 1, first.Content with { Description = "Edited before the move" }, new ChangeNote("test", "edit"));
            writer.Delete(connection, transaction, 2, new ChangeNote("test", "delete"));
            writer.Merge(connection, transaction, 3, 4, new ChangeNote("test", "merge"));
            transaction.Commit();
        }
        using var there = new TemporaryStore(Other);
        using var back = new TemporaryStore(TestStores.Kind);

        var forth = await CommandLine.RunAsync("migrate-store", "--from", site.StoreSetting, "--to", there.Setting);
        var returned = await CommandLine.RunAsync("migrate-store", "--from", there.Setting, "--to", back.Setting);

        Assert.True(forth.ExitCode == 0, forth.Output + forth.Errors);
        Assert.True(returned.ExitCode == 0, returned.Output + returned.Errors);
        Assert.Contains("every table's rows and checksums match", returned.Output);
        Assert.Equal(Dump(site.Store), Dump(back.Open()));
        Assert.Equal(Dump(site.Store), Dump(there.Open()));
    }

    [Fact]
    public async Task Ids_used_before_the_move_are_never_handed_out_again()
    {
        var ids = Site.Seed(An.Organization("A"), An.Organization("B"));
        using (var connection = Site.Store.Open())
        using (var transaction = connection.BeginTransaction())
        {
            new OrganizationWriter(Site.Store, TimeProvider.System).Delete(connection, transaction, ids[1], new ChangeNote("test", "delete"));
            transaction.Commit();
        }
        using var there = new TemporaryStore(Other);
        Assert.Equal(0, (await CommandLine.RunAsync("migrate-store", "--from", Site.StoreSetting, "--to", there.Setting)).ExitCode);

        var store = there.Open();
        using var target = store.Open();
        using var write = target.BeginTransaction();
        var created = new OrganizationWriter(store, TimeProvider.System).Create(target, write, An.Organization("C"), new ChangeNote("test", "new"));
        write.Commit();

        Assert.True(created.Id > ids[1], $"new id {created.Id} reuses one handed out before ({ids[1]})");
    }

    [Fact]
    public async Task A_target_that_is_not_empty_is_refused_and_left_as_it_was()
    {
        var source = Site;
        source.Seed(An.Organization("A"));
        var target = await StartSiteAsync();
        target.Seed(An.Organization("Already here"));

        var run = await CommandLine.RunAsync("migrate-store", "--from", source.StoreSetting, "--to", target.StoreSetting);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("already holds a directory", run.Errors);
        var names = (await target.Http.GetJsonAsync("/api/v1/organizations")).Names();
        Assert.Equal(["Already here"], names);
    }

    /// <summary>Everything a directory holds, as comparable text: every record's public JSON and every revision.</summary>
    private static string Dump(Store store)
    {
        using var connection = store.Open();
        var ids = connection.Query<long>("SELECT id FROM organizations ORDER BY id");
        var records = ids.Select(id => System.Text.Json.JsonSerializer.Serialize(OrganizationDetail.From(OrganizationQueries.Get(connection, id)!), PublicJson.Options));
        var revisions = connection.Query<(long, long, int, string, string, string, string?, string?)>(
            "SELECT id, organization_id, revision, action, author, created_at, before_json, after_json FROM revisions ORDER BY id")
            .Select(r => r.ToString());
        var tombstones = connection.Query<(long, long?)>("SELECT id, merged_into FROM organization_tombstones ORDER BY id").Select(t => t.ToString());
        var search = store.Search.Run(connection, new Core.Search.SearchQuery { Text = "co-operative", PageSize = 100, Sort = Core.Search.SearchSort.Name });
        return string.Join('\n', records.Concat(revisions).Concat(tombstones).Append($"search total {search.Total}").Concat(search.Items.Select(i => i.Name)));
    }
}
