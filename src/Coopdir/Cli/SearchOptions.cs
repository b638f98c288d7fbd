using System.CommandLine;
using Coopdir.Core.Search;

namespace Coopdir.Cli;

/// <summary>The search filters as command-line options, for commands that work on a slice of the directory.</summary>
public sealed class SearchOptions
{
    private readonly Option<string?> text = new("--q") { Description = "Free text, as in the search box" };
    private readonly Option<string[]> kind = new("--kind") { Description = "Kind code(s)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> type = new("--type") { Description = "Cooperative type code(s)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> sector = new("--sector") { Description = "Sector code(s)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> country = new("--country") { Description = "ISO 3166-1 alpha-2 country code(s)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> region = new("--region") { Description = "Region name(s)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> locality = new("--locality") { Description = "Locality name(s)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> near = new("--near") { Description = "latitude,longitude" };
    private readonly Option<string?> radius = new("--radius-km") { Description = "Radius around --near in km" };
    private readonly Option<string?> bbox = new("--bbox") { Description = "minLon,minLat,maxLon,maxLat" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { text, kind, type, sector, country, region, locality, near, radius, bbox })
            command.Options.Add(option);
    }

    public SearchParameters Read(ParseResult parse) => new()
    {
        Q = parse.GetValue(text), Kind = parse.GetValue(kind), Type = parse.GetValue(type), Sector = parse.GetValue(sector),
        Country = parse.GetValue(country), Region = parse.GetValue(region), Locality = parse.GetValue(locality),
        Near = parse.GetValue(near), RadiusKm = parse.GetValue(radius), Bbox = parse.GetValue(bbox),
    };
}
