using System.CommandLine;
using Coopdir.Core.Data;

namespace Coopdir.Cli;

public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Address(es) to listen on", DefaultValueFactory = _ => DefaultUrls };
        var noDemoData = new Option<bool>("--no-demo-data") { Description = "Start with an empty directory instead of loading the demo data" };
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = "The site's public address (e.g. https://coops.example), written into every absolute URL; only its host is then served (same as --Directory:BaseUrl=...)",
        };
        var trustedProxies = new Option<string[]>("--trusted-proxy")
        {
            Description = "A reverse proxy's address or network (e.g. 10.0.0.0/8) whose X-Forwarded-For names the visitor, for the per-client limits; repeat for more (same as --Directory:TrustedProxies:0=...)",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("serve", "Run the web site and the JSON API (extra --Section:Key=value arguments set options)")
        {
            urls, noDemoData, baseUrl, trustedProxies,
        };
        // Anything else on the line is ASP.NET configuration, e.g. --Map:TileUrl=...
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellation) =>
        {
            var settings = new SiteSettings(parse.GetValue(CommonOptions.Database)!, parse.GetValue(urls)!, !parse.GetValue(noDemoData));
            string[] configuration =
            [
                .. parse.UnmatchedTokens,
                .. parse.GetValue(baseUrl) is { } url ? [$"--Directory:BaseUrl={url}"] : Array.Empty<string>(),
                .. (parse.GetValue(trustedProxies) ?? []).Select((proxy, i) => $"--Directory:TrustedProxies:{i}={proxy}"),
            ];
            var app = await BuildWhenStoreIsUpAsync(settings, configuration, cancellation);
            app.Lifetime.ApplicationStarted.Register(() => PrepareSearch(app));
            await app.RunAsync(cancellation);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The site, once its store answers: PostgreSQL may still be starting or restarting, so serve
    /// waits for it, saying so in one line per attempt rather than exiting with a stack trace.
    /// </summary>
    private static async Task<WebApplication> BuildWhenStoreIsUpAsync(SiteSettings settings, string[] args, CancellationToken cancellation)
    {
        using var probe = Store.For(settings.StoreSetting);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await Site.BuildAsync(settings, args);
            }
            catch (Exception e) when (probe.IsUnavailable(e) && !cancellation.IsCancellationRequested)
            {
                Console.Error.WriteLine($"Waiting for the database at {probe.Description} (attempt {attempt}): {e.Message}");
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
            }
        }
    }

    /// <summary>
    /// Reads the search columns in the background once the site listens (seconds at a million
    /// organizations), so the first visitor's search finds them ready; a search arriving meanwhile
    /// waits for this same read, as it would have read them itself.
    /// </summary>
    private static void PrepareSearch(WebApplication app) => _ = Task.Run(async () =>
    {
        try
        {
            var store = app.Services.GetRequiredService<Store>();
            var started = System.Diagnostics.Stopwatch.StartNew();
            await using var connection = await store.OpenForReadingAsync();
            await store.Search.PrepareAsync(connection);
            await store.Areas.CurrentAsync(connection);
            app.Logger.LogInformation("Search columns and areas read in {Elapsed} ms", started.ElapsedMilliseconds);
        }
        catch (Exception e)
        {
            // The first search reads them instead.
            app.Logger.LogWarning(e, "Reading the search columns at startup failed");
        }
    });
}
