using System.CommandLine;
using Coopdir.Core.Areas;
using Coopdir.Core.Data;

namespace Coopdir.Cli;

/// <summary>`coopdir areas load|unresolved`: the places locations resolve to.</summary>
public static class AreasCommand
{
    public static Command Create()
    {
        var command = new Command("areas", "Places (Open Civic Data divisions): load division lists, list what organizations write that no area answers to");
        command.Subcommands.Add(Load());
        command.Subcommands.Add(Unresolved());
        return command;
    }

    private static Command Load()
    {
        var path = new Argument<string>("PATH") { Description = "An OCD division id CSV (id,name[,sameAs,…]) or a folder of them, read at any depth" };
        var source = new Option<string>("--source-name") { Description = "Which list these areas come from", DefaultValueFactory = _ => OcdFiles.SourceName };
        var command = new Command("load", "Add the areas of a division list, and update those already held (by id); removes none") { path, source };
        command.SetAction(async (parse, _) =>
        {
            var at = parse.GetValue(path)!;
            if (!File.Exists(at) && !Directory.Exists(at)) return Fail($"there is no file or folder '{at}'");
            var list = Directory.Exists(at)
                ? OcdFiles.ReadFolder(at, parse.GetValue(source)!)
                : OcdFiles.Read([(Path.GetFileName(at), () => OcdFiles.OpenChecked(at))], parse.GetValue(source)!);
            foreach (var error in list.Errors) Console.Error.WriteLine(error);
            if (list.Errors.Count > 0) return Fail($"{list.Errors.Count} rows are not divisions: nothing loaded");
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            var report = await AreaRows.LoadAsync(store, list, DateTimeOffset.UtcNow);
            Console.WriteLine($"{report.Added} added, {report.Updated} updated, {report.Unchanged} unchanged, {report.Aliases} other ids");
            return 0;
        });
        return command;
    }

    private static Command Unresolved()
    {
        var limit = new Option<int>("--limit") { Description = "At most this many places, most written first", DefaultValueFactory = _ => 100 };
        var command = new Command("unresolved", "Places organizations write (country, region, locality) that no area answers to, and why") { limit };
        command.SetAction(async (parse, _) =>
        {
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            await using var connection = await store.OpenAsync();
            Console.WriteLine("organizations\tcountry\tregion\tlocality\twhy");
            foreach (var p in await store.Search.UnresolvedPlacesAsync(connection, Math.Clamp(parse.GetValue(limit), 1, 100_000)))
                Console.WriteLine($"{p.Organizations}\t{p.Country}\t{p.Region ?? "-"}\t{p.Locality ?? "-"}\t{p.Why}");
            return 0;
        });
        return command;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }
}
