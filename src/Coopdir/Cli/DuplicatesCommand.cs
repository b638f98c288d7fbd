using System.CommandLine;
using System.Globalization;
using Coopdir.Core.Data;
using Coopdir.Core.Sources;

namespace Coopdir.Cli;

/// <summary>`coopdir duplicates scan` (the nightly job: queue every possible duplicate pair) and `coopdir duplicates list`.</summary>
public static class DuplicatesCommand
{
    public static Command Create()
    {
        var scan = new Command("scan", "Compare the whole directory and queue pairs that may be one organization (decided pairs are not queued again)");
        scan.SetAction(async (parse, _) =>
        {
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            var result = await DuplicateScan.RunAsync(store);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Scanned {result.Organizations} organizations in {result.Elapsed.TotalSeconds:0.0} s: {result.PairsFound} possible pairs, " +
                $"{result.Queued} newly queued, {result.AlreadyQueued} already queued, {result.AlreadyDecided} already decided."));
            return 0;
        });

        var status = new Option<string>("--status") { Description = "open, later, decided, same or not_same", DefaultValueFactory = _ => DuplicatePairs.Open };
        status.AcceptOnlyFromAmong([.. DuplicatePairs.Filters]);
        var page = new Option<int>("--page") { Description = "Page of 50 pairs, highest score first", DefaultValueFactory = _ => 1 };
        var list = new Command("list", "List queued pairs, highest score first") { status, page };
        list.SetAction(async (parse, _) =>
        {
            if (parse.GetValue(page) < 1) { Console.Error.WriteLine("--page must be 1 or more"); return 2; }
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            await using var connection = await store.OpenAsync();
            var (items, total) = await DuplicatePairs.ListAsync(connection, parse.GetValue(status)!, parse.GetValue(page), 50);
            foreach (var p in items)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{p.Id}\t{p.Score:0.00}\t{p.FirstId} {p.FirstName ?? "(gone)"}\t{p.SecondId} {p.SecondName ?? "(gone)"}\t{string.Join("; ", p.Reasons)}\t{p.FoundBy}\t{p.Status}"));
            Console.WriteLine($"{total} pairs {parse.GetValue(status)}; page {parse.GetValue(page)}.");
            return 0;
        });
        return new Command("duplicates", "The possible duplicates queue") { scan, list };
    }
}
