using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Cli;

public sealed class DuplicatesCommandTests
{
    [Fact]
    public async Task Duplicates_scan_queues_look_alike_records_and_list_prints_them_and_a_second_scan_queues_nothing_new()
    {
        using var store = new TemporaryStore();
        using (var opened = await store.OpenAsync())
        {
            await using var session = await opened.BeginWriteAsync();
            var writer = new OrganizationWriter(TimeProvider.System);
            foreach (var name in new[] { "Leeds Bread Co-operative", "Leeds Bread Co-op Ltd", "Bristol Bikes Co-op" })
                await writer.CreateAsync(session, An.Organization(name).In("GB", postcode: name.StartsWith("Leeds") ? "LS1 1AA" : "BS1 1AA"), new ChangeNote("test", "seed"));
            await session.CommitAsync();
        }

        var scan = await CommandLine.RunAsync("duplicates", "scan", "--db", store.Setting);
        var list = await CommandLine.RunAsync("duplicates", "list", "--db", store.Setting);
        var again = await CommandLine.RunAsync("duplicates", "scan", "--db", store.Setting);

        Assert.True(scan.ExitCode == 0, scan.Errors);
        Assert.Contains("Scanned 3 organizations", scan.Output);
        Assert.Contains("1 possible pairs, 1 newly queued", scan.Output);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("Leeds Bread Co-operative", list.Output);
        Assert.Contains("Leeds Bread Co-op Ltd", list.Output);
        Assert.Contains("1 pairs open", list.Output);
        Assert.Contains("0 newly queued, 1 already queued", again.Output);
    }
}
