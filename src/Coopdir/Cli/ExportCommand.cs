using System.CommandLine;
using Coopdir.Core.Data;
using Coopdir.Core.Exports;
using Coopdir.Core.Organizations;
using Coopdir.Search;

namespace Coopdir.Cli;

public static class ExportCommand
{
    public static Command Create()
    {
        var keys = ExportFormats.All.Select(f => f.Key).ToArray();
        var format = new Option<string>("--format") { Description = string.Join(", ", keys), Required = true };
        format.AcceptOnlyFromAmong(keys);
        var output = new Option<FileInfo?>("--out") { Description = "File to write (default: standard output)" };
        var filters = new SearchOptions();
        var settings = new ExportSettings();
        var command = new Command("export", "Write the directory, or the organizations matching the filters (or their relationships), in one of the export formats") { format, output };
        filters.AddTo(command);
        settings.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            var (baseUrl, licence, name) = settings.Read(parse);
            if (licence is null)
            {
                Console.Error.WriteLine($"--data-licence: not a known licence ({string.Join(", ", Licences.Known.Select(l => l.Id))})");
                return 2;
            }
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            // After opening the store: a place is looked up in it.
            var (query, errors) = await filters.Read(parse).ParseAsync(store);
            if (query is null)
            {
                foreach (var error in errors) Console.Error.WriteLine($"{SearchOptions.OptionName(error.Field)}: {error.Message}");
                return 2;
            }
            var chosen = ExportFormats.ByKey(parse.GetValue(format)!)!;
            var file = parse.GetValue(output);
            var temporary = file is null ? null : new FileInfo(file.FullName + ".partial");
            using (var stream = new BufferedStream(temporary is null ? Console.OpenStandardOutput() : temporary.Create(), 64 * 1024))
            {
                var context = await Export.OfAsync(store, store.OpenAsync, query, name, licence, baseUrl, DateTimeOffset.UtcNow);
                var count = chosen.Write(context, stream);
                if (file is not null) Console.Error.WriteLine($"Exported {count:N0} {chosen.Subject} to {file.FullName}");
            }
            // Written beside the target and renamed, so a reader never sees half a file.
            temporary?.MoveTo(file!.FullName, overwrite: true);
            return 0;
        });
        return command;
    }
}
