using System.CommandLine;
using Coopdir.Core.Changes;
using Coopdir.Core.Data;

namespace Coopdir.Cli;

public static class MirrorCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The Coopdir to copy, e.g. https://coopdir.example.org", Required = true };
        var once = new Option<bool>("--once") { Description = "Exit after catching up instead of following" };
        var interval = new Option<int>("--interval") { Description = "Seconds between polls when following (default 60)", DefaultValueFactory = _ => 60 };
        interval.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--interval must be at least 1 second");
        });
        var command = new Command("mirror", "Keep this directory an exact copy of another Coopdir by following its changes feed") { from, once, interval };
        command.SetAction(async (parse, cancellation) =>
        {
            if (!Uri.TryCreate(parse.GetValue(from), UriKind.Absolute, out var source) || source.Scheme is not ("http" or "https"))
            {
                Console.Error.WriteLine($"--from: '{parse.GetValue(from)}' is not an http(s) address");
                return 2;
            }
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            var mirror = new Mirror(store, http, TimeProvider.System);
            var progress = new Progress<MirrorResult>(p => Console.Error.WriteLine($"applied {p.Applied:N0} changes, at cursor {p.Cursor}"));
            while (true)
            {
                var result = await mirror.CatchUpAsync(source, progress, cancellation);
                if (result.Succeeded && (result.Applied > 0 || parse.GetValue(once))) Console.WriteLine($"Up to date with {MirrorCursors.Key(source)}: {result.Applied:N0} changes applied, cursor {result.Cursor}");
                else Console.Error.WriteLine($"Mirror stopped: {result.Error}");
                if (parse.GetValue(once)) return result.Succeeded ? 0 : 1;
                // Following: a source that is down or a page that fails is tried again at the next poll.
                try { await Task.Delay(TimeSpan.FromSeconds(parse.GetValue(interval)), cancellation); }
                catch (OperationCanceledException) { return 0; }
            }
        });
        return command;
    }
}
