using System.CommandLine;
using Coopdir.Core.Data;
using Coopdir.Core.Reconciliation;
using Spectre.Console;

namespace Coopdir.Cli;

/// <summary>`coopdir reconcile FILE.csv --name-column NAME ...`: a spreadsheet's rows matched to the directory, as the reconciliation API matches them.</summary>
public static class ReconcileCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A CSV file with a header row" };
        var name = new Option<string>("--name-column") { Description = "The column holding organizations' names", Required = true };
        var country = new Option<string?>("--country-column") { Description = "A column of countries (ISO codes or names)" };
        var locality = new Option<string?>("--locality-column") { Description = "A column of towns or cities" };
        var postcode = new Option<string?>("--postcode-column") { Description = "A column of postcodes" };
        var website = new Option<string?>("--website-column") { Description = "A column of websites" };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the file with coopdir_id, coopdir_name, coopdir_score and coopdir_match added (default: standard output)" };
        var command = new Command("reconcile", "Match each row of a CSV file to an organization of the directory, adding its id, name, score and whether it is a match")
        {
            file, name, country, locality, postcode, website, output,
        };
        command.SetAction(async (parse, _) =>
        {
            var input = parse.GetValue(file)!;
            if (!input.Exists) return Fail($"{input.FullName}: no such file");
            var columns = new SpreadsheetColumns(parse.GetValue(name)!, parse.GetValue(country), parse.GetValue(locality), parse.GetValue(postcode), parse.GetValue(website));
            var outFile = parse.GetValue(output);
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            SpreadsheetResult result;
            try
            {
                using var reader = new StreamReader(input.FullName, detectEncodingFromByteOrderMarks: true);
                // Written beside the target first, so that a failure leaves no half-written file in its place.
                var temporary = outFile is null ? null : outFile.FullName + ".partial";
                await using (var writer = temporary is null ? Console.Out : new StreamWriter(temporary))
                {
                    var showProgress = outFile is not null && !Console.IsOutputRedirected;
                    result = await RunAsync(store, reader, writer, columns, showProgress, showProgress ? CountLines(input) : 0);
                }
                if (temporary is not null)
                {
                    if (result.Error is null) File.Move(temporary, outFile!.FullName, overwrite: true);
                    else File.Delete(temporary);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail($"{input.FullName}: {e.Message}");
            }
            if (result.Error is not null) return Fail($"{input.Name}: {result.Error}");
            Console.Error.WriteLine($"Reconciled {result.Rows:N0} rows: {result.Matched:N0} matched, {result.WithCandidate - result.Matched:N0} with a candidate to check, " +
                $"{result.Rows - result.WithCandidate:N0} with none{(outFile is null ? "" : $"; written to {outFile.FullName}")}");
            return 0;
        });
        return command;
    }

    private static async Task<SpreadsheetResult> RunAsync(Store store, TextReader reader, TextWriter writer, SpreadsheetColumns columns, bool showProgress, int lines)
    {
        if (!showProgress) return await SpreadsheetReconciliation.RunAsync(store, reader, writer, columns);
        return await AnsiConsole.Progress().AutoClear(true).StartAsync(context =>
        {
            var task = context.AddTask("Reconciling", maxValue: Math.Max(1, lines - 1));
            return SpreadsheetReconciliation.RunAsync(store, reader, writer, columns, new Progress<int>(done => task.Value = done));
        });
    }

    // The progress bar's length: lines, not rows (a quoted cell may hold a line break), near enough for a bar.
    private static int CountLines(FileInfo file) => File.ReadLines(file.FullName).Count();

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
