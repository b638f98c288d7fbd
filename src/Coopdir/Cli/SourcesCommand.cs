using System.CommandLine;
using Coopdir.Core.Data;
using Coopdir.Core.Sources;

namespace Coopdir.Cli;

/// <summary>`coopdir sources list|retire|precedence`: the sources records are merged from.</summary>
public static class SourcesCommand
{
    public static Command Create()
    {
        var command = new Command("sources", "The sources records are merged from: list them, retire one, set a field's order");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Retire());
        command.Subcommands.Add(Precedence());
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Every source: name, publisher, vintage, licence, organizations it lists, retired");
        command.SetAction(async (parse, _) =>
        {
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            await using var connection = await store.OpenAsync();
            var sources = await SourceQueries.AllAsync(connection);
            Console.WriteLine("id\tname\tpublisher\tvintage\tlicence\trecords\tretired");
            foreach (var (s, records, _) in sources)
                Console.WriteLine($"{s.Id}\t{s.Name}\t{s.Publisher ?? "-"}\t{s.Vintage ?? "-"}\t{s.Licence}\t{records}\t{s.RetiredAt?[..10] ?? "no"}");
            return 0;
        });
        return command;
    }

    private static Command Retire()
    {
        var name = new Argument<string>("NAME") { Description = "The source's name, as `sources list` shows it" };
        var command = new Command("retire", "Retire a source: its values stop counting; records only it lists stay, listed by no source") { name };
        command.SetAction(async (parse, _) =>
        {
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            var source = await FindAsync(store, parse.GetValue(name)!);
            if (source is null) return 1;
            var result = await new SourceRetirement(store, TimeProvider.System).RetireAsync(source.Value, $"cli:{Environment.UserName}");
            if (result.Outcome == RetirementOutcome.AlreadyRetired)
            {
                Console.Error.WriteLine($"{result.Source!.Name} was already retired on {result.Source.RetiredAt?[..10]}: nothing changed");
                return 1;
            }
            if (result.Outcome == RetirementOutcome.NotFound) return Fail($"there is no source '{parse.GetValue(name)}'");
            Console.WriteLine($"Retired {result.Source!.Name}. {Summary(result.Counts)}");
            return 0;
        });
        return command;
    }

    private static Command Precedence()
    {
        var field = new Option<string>("--field") { Description = $"The field ({string.Join(", ", FieldMerge.Fields)})", Required = true };
        var order = new Option<string>("--order") { Description = "Source names, first to last, separated by commas; sources not named follow, newest vintage first", Required = true };
        var command = new Command("precedence", "Set which source's value a field shows, and merge the records several sources list again") { field, order };
        command.SetAction(async (parse, _) =>
        {
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            var names = parse.GetValue(order)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var result = await new PrecedenceChange(store, TimeProvider.System).SetAsync(parse.GetValue(field)!, names, $"cli:{Environment.UserName}");
            foreach (var error in result.Errors) Console.Error.WriteLine($"--{error.Field}: {error.Message}");
            if (result.Counts is null) return 2;
            Console.WriteLine($"{parse.GetValue(field)}: {string.Join(", then ", names)}, then the others newest vintage first. {Summary(result.Counts)}");
            return 0;
        });
        return command;
    }

    private static async Task<long?> FindAsync(Store store, string name)
    {
        await using var connection = await store.OpenAsync();
        var source = (await Core.Organizations.SourceRegistry.AllAsync(connection)).FirstOrDefault(s => s.Name == name);
        if (source is null) Fail($"there is no source '{name}'");
        return source?.Id;
    }

    private static string Summary(RemergeCounts c) =>
        $"{c.Changed:N0} records merged again with changes, {c.Unchanged:N0} unchanged, {c.Unlisted:N0} now listed by no source" +
        (c.Invalid > 0 ? $", {c.Invalid:N0} left as they were (the merge would have made them invalid)" : "");

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
