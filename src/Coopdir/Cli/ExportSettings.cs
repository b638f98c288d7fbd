using System.CommandLine;
using Coopdir.Core.Organizations;

namespace Coopdir.Cli;

/// <summary>What an export needs to know about the directory beyond its data: its address, name and licence.</summary>
public sealed class ExportSettings
{
    private readonly Option<string> baseUrl = new("--base-url")
    {
        Description = "The site's address, for links and JSON-LD ids",
        DefaultValueFactory = _ => ServeCommand.DefaultUrls,
    };

    // The same setting as the site's Directory:DataLicence, also read from the environment as the site does.
    private readonly Option<string> licence = new("--data-licence")
    {
        Description = "Licence of the directory's own records (SPDX id; default $Directory__DataLicence or CC-BY-4.0)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Directory__DataLicence") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Licences.DirectoryDefault,
    };

    private readonly Option<string> name = new("--directory-name")
    {
        Description = "The directory's name",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Directory__Name") is { Length: > 0 } fromEnvironment ? fromEnvironment : "Coopdir",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(baseUrl);
        command.Options.Add(licence);
        command.Options.Add(name);
    }

    public (string BaseUrl, Licence? Licence, string Name) Read(ParseResult parse) =>
        (parse.GetValue(baseUrl)!.TrimEnd('/'), Licences.Find(parse.GetValue(licence)!), parse.GetValue(name)!);
}
