using System.CommandLine;
using Coopdir.Core.Data;

namespace Coopdir.Cli;

public static class MigrateStoreCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The store to copy: a SQLite file or a PostgreSQL connection string", Required = true };
        var to = new Option<string>("--to") { Description = "An empty store to fill: a SQLite file or a PostgreSQL connection string", Required = true };
        var command = new Command("migrate-store", "Move a whole directory (organizations, revisions, users, everything) to another store and verify it") { from, to };
        command.SetAction(async (parse, _) =>
        {
            using var source = await Store.For(parse.GetValue(from)!).MigrateAsync();
            using var target = await Store.For(parse.GetValue(to)!).MigrateAsync();
            var result = await StoreCopy.RunAsync(source, target, new Progress<string>(step => Console.Error.WriteLine(step)));
            if (result.Error is not null)
            {
                Console.Error.WriteLine($"Nothing was copied: {result.Error}.");
                return 1;
            }
            foreach (var table in result.Tables)
                Console.WriteLine($"{(table.Matches ? "ok      " : "MISMATCH")} {table.Table}: {table.SourceRows:N0} rows → {table.TargetRows:N0} rows, checksum {table.TargetChecksum[..16]}");
            Console.WriteLine(result.Succeeded
                ? $"Copied {source.Description} to {target.Description}: every table's rows and checksums match."
                : "The copy does not match its source (see MISMATCH above).");
            return result.Succeeded ? 0 : 1;
        });
        return command;
    }
}
