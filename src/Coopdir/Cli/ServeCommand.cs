using System.CommandLine;

namespace Coopdir.Cli;

public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Address(es) to listen on", DefaultValueFactory = _ => DefaultUrls };
        var noDemoData = new Option<bool>("--no-demo-data") { Description = "Start with an empty directory instead of loading the demo data" };
        var command = new Command("serve", "Run the web site and the JSON API (extra --Section:Key=value arguments set options)")
        {
            urls, noDemoData,
        };
        // Anything else on the line is ASP.NET configuration, e.g. --Map:TileUrl=...
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellation) =>
        {
            var settings = new SiteSettings(parse.GetValue(CommonOptions.Database)!, parse.GetValue(urls)!, !parse.GetValue(noDemoData));
            var app = Site.Build(settings, parse.UnmatchedTokens.ToArray());
            await app.RunAsync(cancellation);
            return 0;
        });
        return command;
    }
}
