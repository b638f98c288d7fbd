using System.Text.Json;
using Coopdir.Core.Data;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Coopdir.Core.Sources;
using Coopdir.Tests.Support;
using Dapper;

namespace Coopdir.Tests.Sources;

/// <summary>
/// Co-operatives UK's 2023 file (SEA standard CSV) and its 2017 organisations extract, merged: they share
/// 5,540 ids, 531 of which changed name between the two; 1,557 of the 2017 rows are dissolved co-ops.
/// </summary>
public sealed class ManySourcesTests
{
    private static readonly DemoData.DemoSource File2023 = DemoData.Sources[0], File2017 = DemoData.Sources[1];

    [Fact]
    public async Task The_two_files_become_10218_records_citing_both_where_they_share_an_id_and_either_order_gives_the_same_values_and_provenance()
    {
        using var newerFirst = new TemporaryStore();
        using var olderFirst = new TemporaryStore();
        await ImportAsync(newerFirst, File2023, File2017);
        await ImportAsync(olderFirst, File2017, File2023);

        var records = await RecordsAsync(newerFirst);
        Assert.Equal(10_218, records.Count);
        Assert.Equal(5_540, records.Count(o => o.Listings.Count == 2));
        var dissolved = records.Where(o => o.Content.Status == OrganizationStatus.Dissolved).ToList();
        Assert.Equal(1_557, dissolved.Count);
        // With their date, but for the 7 the 2017 file gives none for.
        Assert.Equal(1_550, dissolved.Count(o => o.Content.DissolvedOn is not null));

        // Renamed: the 2023 name shows, the 2017 name is its alternative (and, unless it differs only in punctuation, a former name).
        var renamed = records.Where(o => Name(o).Alternatives.Count > 0).ToList();
        Assert.Equal(531, renamed.Count);
        Assert.All(renamed, o =>
        {
            Assert.Equal(File2023.Options.SourceName, Name(o).Origin.Source);
            Assert.Equal(File2017.Options.SourceName, Assert.Single(Name(o).Alternatives).Origin.Source);
        });
        var example = renamed.First(o => TextKey.Of(Name(o).Alternatives[0].Value.GetValue<string>()) != TextKey.Of(o.Content.Name));
        Assert.Contains(Name(example).Alternatives[0].Value.GetValue<string>(), example.Content.AlternateNames);

        var other = (await RecordsAsync(olderFirst)).ToDictionary(Key);
        Assert.Equal(records.Count, other.Count);
        foreach (var record in records) Assert.Equal(Comparable(record), Comparable(other[Key(record)]));
    }

    [Fact]
    public async Task Reimporting_an_unchanged_file_changes_nothing_and_an_older_vintage_of_a_source_does_not_replace_a_newer_one()
    {
        using var temporary = new TemporaryStore();
        await ImportAsync(temporary, File2023, File2017);
        using var store = await temporary.OpenAsync();
        var revisions = await CountAsync(store, "SELECT count(*) FROM revisions");

        var again = await ImportAsync(store, File2023);
        Assert.Equal(7_387, again.Unchanged);
        Assert.Equal((0, 0, 0), (again.Added, again.Updated, again.Merged));
        var older = await ImportAsync(store, File2023 with { Options = File2023.Options with { Vintage = "2022-12-31" } });
        Assert.Equal(7_387, older.Older);
        Assert.Equal(revisions, await CountAsync(store, "SELECT count(*) FROM revisions"));
    }

    private static FieldProvenance Name(Organization o) => o.Provenance.Single(p => p.Field == "name");

    private static string Key(Organization o) => o.Content.Identifiers.Single(i => i.Scheme == "coops-uk").Value;

    // What must not depend on import order: every value and where it came from, with sources by name
    // (their ids are numbered in import order).
    private static string Comparable(Organization o) => JsonSerializer.Serialize(new
    {
        content = Snapshots.ToJson(o.Content with { SourceId = null, Identifiers = [.. o.Content.Identifiers.OrderBy(i => i.ToString())], Classifications = [.. o.Content.Classifications.OrderBy(c => c.ToString())] }),
        source = o.Source?.Name,
        provenance = o.Provenance.Select(p => new
        {
            p.Field, origin = p.Origin with { SourceId = null }, agreeing = p.Agreeing.Select(a => a with { SourceId = null }),
            alternatives = p.Alternatives.Select(a => new { origin = a.Origin with { SourceId = null }, value = a.Value.ToJsonString() }), p.ConfirmedOn,
        }),
        listings = o.Listings.Select(l => new { l.Source, l.RecordId, l.Vintage }),
    });

    private static async Task ImportAsync(TemporaryStore temporary, params DemoData.DemoSource[] sources)
    {
        using var store = await temporary.OpenAsync();
        foreach (var source in sources) await ImportAsync(store, source);
    }

    private static async Task<ImportReport> ImportAsync(Store store, DemoData.DemoSource source)
    {
        var report = await new Importer(store, TimeProvider.System).RunAsync(source.Read(DemoData.PathOf(source.FileName)), source.Options with { SkipInvalid = false });
        Assert.True(report.Written, string.Join("\n", report.Errors.Take(5)));
        return report;
    }

    private static async Task<List<Organization>> RecordsAsync(TemporaryStore temporary)
    {
        using var store = await temporary.OpenAsync();
        List<long> ids;
        await using (var connection = await store.OpenAsync())
            ids = (await connection.QueryAsync<long>("SELECT id FROM organizations ORDER BY id")).AsList();
        return OrganizationStream.Of(store.OpenAsync, ids, OrganizationParts.All | OrganizationParts.Provenance).ToList();
    }

    private static async Task<long> CountAsync(Store store, string sql)
    {
        await using var connection = await store.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
