using System.CommandLine;
using System.Text.Json;
using Coopdir.Core.Payments.Ledger;

namespace Coopdir.Cli;

/// <summary>coopdir ledger verify: checks a currency's public ledger end to end, or against a tree head seen earlier.</summary>
public static class LedgerCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The ledger's address, e.g. https://coopdir.example.org/api/v1/money/currencies/BRISTOL/ledger", Required = true };
        var treeHead = new Option<FileInfo?>("--tree-head") { Description = "A signed tree head saved earlier (JSON): the log must be an extension of it" };
        var save = new Option<FileInfo?>("--save-head") { Description = "Write the verified tree head here, for the next --tree-head" };
        var verify = new Command("verify", "Check every entry of a currency's public ledger, and its consistency with an earlier tree head") { from, treeHead, save };
        verify.SetAction(async (parse, cancellation) =>
        {
            if (!Uri.TryCreate(parse.GetValue(from), UriKind.Absolute, out var ledger) || ledger.Scheme is not ("http" or "https"))
            {
                Console.Error.WriteLine($"--from: '{parse.GetValue(from)}' is not an http(s) address");
                return 2;
            }
            TreeHead? earlier = null;
            if (parse.GetValue(treeHead) is { } file)
            {
                try
                {
                    if (file.Length > 64 * 1024) throw new JsonException("the file is larger than 64 KB");
                    earlier = LedgerVerifier.ReadHead(await File.ReadAllTextAsync(file.FullName, cancellation));
                }
                catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"--tree-head: {file.Name} is not a readable tree head: {e.Message}");
                    return 2;
                }
            }
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            LedgerCheck check;
            try { check = await new LedgerVerifier(http).VerifyAsync(ledger, earlier, cancellation); }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or FormatException)
            {
                Console.Error.WriteLine($"Could not read the ledger at {ledger}: {e.Message}");
                return 1;
            }
            if (!check.Ok)
            {
                Console.Error.WriteLine($"FAILED: {check.Message}");
                return 1;
            }
            Console.WriteLine($"OK: {check.Message}");
            if (parse.GetValue(save) is { } target)
                await File.WriteAllTextAsync(target.FullName, JsonSerializer.Serialize(check.Head, Core.Organizations.PublicJson.Options), cancellation);
            return 0;
        });
        return new Command("ledger", "Work with the public ledgers of currencies run on a Coopdir") { verify };
    }
}
