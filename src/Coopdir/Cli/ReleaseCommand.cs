using System.CommandLine;
using Coopdir.Core.Data;
using Coopdir.Core.Exports;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;

namespace Coopdir.Cli;

public static class ReleaseCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = $"Folder of releases (default {DirectoryOptions.DefaultReleasesPath}, where the site looks: Directory:ReleasesPath)",
            DefaultValueFactory = _ => new DirectoryInfo(DirectoryOptions.DefaultReleasesPath),
        };
        var settings = new ExportSettings();
        var command = new Command("release",
            "Write a dated, immutable full dump in every format, with SHA-256 checksums and a manifest of what changed since the previous release")
        {
            output,
        };
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
            var root = parse.GetValue(output)!.FullName;
            await using var connection = await store.OpenAsync();
            var context = await Export.OfAsync(store, store.OpenAsync, new SearchQuery(), name, licence, baseUrl, DateTimeOffset.UtcNow);
            var manifest = await ReleaseWriter.WriteAsync(connection, context, root);
            Console.WriteLine($"Release {manifest.Name}: {manifest.Organizations:N0} organizations in {manifest.Files.Count} formats, in {Path.Combine(root, manifest.Name)}");
            var c = manifest.Changes;
            Console.WriteLine(c.Previous is null
                ? "The first release."
                : $"Since {c.Previous}: {c.AddedCount:N0} added, {c.ChangedCount:N0} changed, {c.RemovedCount:N0} removed.");
            return 0;
        });
        return command;
    }
}
