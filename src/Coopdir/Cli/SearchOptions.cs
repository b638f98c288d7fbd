using System.CommandLine;
using System.ComponentModel;
using System.Reflection;
using Coopdir.Search;
using Microsoft.AspNetCore.Mvc;

namespace Coopdir.Cli;

/// <summary>
/// The search filters as command-line options, for commands that work on a slice of the directory.
/// Each option takes its name (--radius-km for radius_km) and description from <see cref="SearchRequest"/>,
/// so the CLI, the API and the pages describe one set of parameters. Sorting and paging are left out:
/// these commands work on every match. A place is looked up in the store as the pages do (<see cref="SearchPlaces.ParseAsync"/>).
/// </summary>
public sealed class SearchOptions
{
    private readonly Option<string?> q = From<string?>(nameof(SearchRequest.Q));
    private readonly Option<string[]> kind = From<string[]>(nameof(SearchRequest.Kind));
    private readonly Option<string[]> type = From<string[]>(nameof(SearchRequest.Type));
    private readonly Option<string[]> sector = From<string[]>(nameof(SearchRequest.Sector));
    private readonly Option<string[]> country = From<string[]>(nameof(SearchRequest.Country));
    private readonly Option<string[]> region = From<string[]>(nameof(SearchRequest.Region));
    private readonly Option<string[]> locality = From<string[]>(nameof(SearchRequest.Locality));
    private readonly Option<string[]> area = From<string[]>(nameof(SearchRequest.Area));
    private readonly Option<string?> near = From<string?>(nameof(SearchRequest.Near));
    private readonly Option<string?> place = From<string?>(nameof(SearchRequest.Place));
    private readonly Option<string?> radiusKm = From<string?>(nameof(SearchRequest.RadiusKm));
    private readonly Option<string?> bbox = From<string?>(nameof(SearchRequest.Bbox));
    private readonly Option<string[]> memberOf = From<string[]>(nameof(SearchRequest.MemberOf));
    private readonly Option<string?> transitive = From<string?>(nameof(SearchRequest.Transitive));
    private readonly Option<string[]> relationshipStatus = From<string[]>(nameof(SearchRequest.RelationshipStatus));
    private readonly Option<string?> freshness = From<string?>(nameof(SearchRequest.Freshness));

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { q, kind, type, sector, country, region, locality, area, near, place, radiusKm, bbox, memberOf, transitive, relationshipStatus, freshness })
            command.Options.Add(option);
    }

    public SearchRequest Read(ParseResult parse) => new()
    {
        Q = parse.GetValue(q), Kind = parse.GetValue(kind), Type = parse.GetValue(type), Sector = parse.GetValue(sector),
        Country = parse.GetValue(country), Region = parse.GetValue(region), Locality = parse.GetValue(locality), Area = parse.GetValue(area),
        Near = parse.GetValue(near), Place = parse.GetValue(place), RadiusKm = parse.GetValue(radiusKm), Bbox = parse.GetValue(bbox),
        MemberOf = parse.GetValue(memberOf), Transitive = parse.GetValue(transitive), RelationshipStatus = parse.GetValue(relationshipStatus),
        Freshness = parse.GetValue(freshness),
    };

    /// <summary>The option for one property of the request, named after its query-string parameter.</summary>
    public static string OptionName(string parameter) => "--" + parameter.Replace('_', '-');

    private static Option<T> From<T>(string property)
    {
        var declared = typeof(SearchRequest).GetProperty(property)!;
        return new Option<T>(OptionName(declared.GetCustomAttribute<FromQueryAttribute>()!.Name!))
        {
            Description = declared.GetCustomAttribute<DescriptionAttribute>()!.Description,
            AllowMultipleArgumentsPerToken = typeof(T).IsArray,
        };
    }
}
