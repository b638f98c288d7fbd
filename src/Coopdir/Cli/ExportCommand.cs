using System.CommandLine;
using Coopdir.Core.Data;
using Coopdir.Core.Exports;
using Coopdir.Core.Organizations;

namespace Coopdir.Cli;

public static class ExportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "jsonl or csv", Required = true };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var output = new Option<FileInfo?>("--out") { Description = "File to write (default: standard output)" };
        var filters = new SearchOptions();
        var command = new Command("export", "Write the directory, or the organizations matching the filters, as JSON Lines or CSV") { format, output };
        filters.AddTo(command);
        command.SetAction(parse =>
        {
            var (query, errors) = filters.Read(parse).Parse();
            if (query is null)
            {
                foreach (var error in errors) Console.Error.WriteLine($"--{error.Field.Replace('_', '-')}: {error.Message}");
                return 2;
            }
            var store = Store.For(parse.GetValue(CommonOptions.Database)!).Migrate();
            var file = parse.GetValue(output);
            var temporary = file is null ? null : new FileInfo(file.FullName + ".partial");
            using (var connection = store.Open())
            using (var stream = temporary is null ? Console.OpenStandardOutput() : temporary.Create())
            {
                var organizations = OrganizationStream.Matching(store, connection, query);
                var count = parse.GetValue(format) == "csv"
                    ? CsvExport.Write(organizations, stream)
                    : JsonLinesExport.Write(organizations, stream);
                if (file is not null) Console.Error.WriteLine($"Exported {count:N0} organizations to {file.FullName}");
            }
            // Written beside the target and renamed, so a reader never sees half a file.
            temporary?.MoveTo(file!.FullName, overwrite: true);
            return 0;
        });
        return command;
    }
}
