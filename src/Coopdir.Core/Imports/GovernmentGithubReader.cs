using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Coopdir.Core.Imports;

/// <summary>Which of GitHub's government lists a file is: their groups mean different things.</summary>
public enum GithubList { Governments, CivicHackers }

/// <summary>
/// Reads a list of GitHub's government.github.com (<c>_data/governments.yml</c> or <c>civic_hackers.yml</c>):
/// a YAML mapping of group names to GitHub logins. The login is all there is: it becomes the organization's
/// name, its <c>github</c> identifier (lower-cased, also its record id) and its website
/// (https://github.com/LOGIN). The group gives kind and country (<see cref="GroupOf"/>); in city-level groups
/// the login may name the place (<see cref="GithubPlaceNames"/>). A group the table does not know is each of
/// its logins' error. Errors count YAML lines. research.yml (research labs and universities) is not a list
/// this reads: none of the directory's kinds fits them.
/// </summary>
public static class GovernmentGithubReader
{
    public const long MaxBytes = 10L * 1024 * 1024;
    private const string RowName = "line";

    /// <param name="CityLevel">Whether its logins may name their place.</param>
    /// <param name="Network">The network its logins are members of (as the list, a third party, says).</param>
    public sealed record Group(string Kind, string? Country, bool CityLevel = false, NetworkRecord? Network = null);

    /// <summary>A network a group is the members of: its own login in the list, if it is there, or a record of its own.</summary>
    public sealed record NetworkRecord(string Name, string Website, string? Login);

    // The groups that are not a country's name (those are all Kind "other", their country's government
    // bodies at any level). Kinds: local governments are municipalities; other government bodies "other".
    private static readonly Dictionary<string, Group> Named = new()
    {
        ["U.S. City"] = new("municipality", "US", CityLevel: true),
        ["U.S. County"] = new("municipality", "US", CityLevel: true),
        ["U.K. Councils"] = new("municipality", "GB", CityLevel: true),
        ["U.S. Federal"] = new("other", "US"),
        ["U.S. States"] = new("other", "US"),
        ["U.S. Military and Intelligence"] = new("other", "US"),
        ["U.S. Special District"] = new("other", "US"),
        ["U.S. Local Law Enforcement"] = new("other", "US"),
        ["U.S. Tribal Nations"] = new("other", "US"),
        ["U.K. Central"] = new("other", "GB"),
        ["European Union"] = new("other", null),
        ["International"] = new("other", null),
        ["United Nations"] = new("other", null),
        // Country names Countries does not know in this form. Kosovo has no ISO 3166-1 code: its group is reported.
        ["Republic of Korea"] = new("other", "KR"),
    };

    private static readonly Dictionary<string, Group> CivicHackerGroups = new()
    {
        ["Civic Hackers"] = new("civic-tech", null),
        ["Code For America"] = new("civic-tech", null, Network: new("Code for America", "https://codeforamerica.org", "codeforamerica")),
        // Code for All has no login in the list.
        ["Code for All"] = new("civic-tech", null, Network: new("Code for All", "https://codeforall.org", null)),
        ["Open Knowledge Foundation"] = new("civic-tech", null, Network: new("Open Knowledge Foundation", "https://okfn.org", "okfn")),
    };

    /// <summary>The group's kind and country, or null when the table does not know it.</summary>
    public static Group? GroupOf(GithubList list, string name) => list == GithubList.CivicHackers
        ? CivicHackerGroups.GetValueOrDefault(name)
        : Named.GetValueOrDefault(name) ?? (Countries.Normalize(name) is { } country ? new Group("other", country) : null);

    /// <summary>The list a file is by its name as GitHub publishes it, or null for another file.</summary>
    public static GithubList? ListOf(string fileName) => Path.GetFileNameWithoutExtension(fileName).ToLowerInvariant() switch
    {
        "governments" => GithubList.Governments,
        "civic_hackers" => GithubList.CivicHackers,
        _ => null,
    };

    public static ParsedFile Read(Stream yaml, GithubList list)
    {
        if (yaml.CanSeek && yaml.Length > MaxBytes)
            return JsonRecords.Failed(RowName, $"is {yaml.Length / (1024 * 1024):N0} MB; GitHub lists over {MaxBytes / (1024 * 1024)} MB are refused");
        var text = new StreamReader(yaml).ReadToEnd();
        if (YamlLimits.Problem(new StringReader(text)) is { } tooMuch) return JsonRecords.Failed(RowName, tooMuch);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return ParsedFile.Failed(new RowError((int)e.Start.Line, "file", $"is not valid YAML: {e.InnerException?.Message ?? e.Message}")) with { RowName = RowName };
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode groups)
            return JsonRecords.Failed(RowName, "is not a YAML mapping of group names to lists of GitHub logins");

        var collected = new JsonRecords(RowName);
        var links = new List<ImportLink>();
        foreach (var (key, value) in groups.Children)
        {
            var line = (int)key.Start.Line;
            if (key is not YamlScalarNode { Value: { Length: > 0 } name } || value is not YamlSequenceNode logins)
            {
                collected.Reject(line, key.ToString(), new RowError(line, "group", "must be a group name with a list of GitHub logins"));
                continue;
            }
            var group = GroupOf(list, name);
            var network = group?.Network is { } n ? NetworkOf(n) : ((string RecordId, NetworkRecord Network)?)null;
            foreach (var item in logins.Children)
            {
                var at = (int)item.Start.Line;
                if (item is not YamlScalarNode { Value: { Length: > 0 } login })
                {
                    collected.Reject(at, item.ToString(), new RowError(at, name, "must be a list of GitHub logins"));
                    continue;
                }
                var errors = new List<RowError>();
                if (group is null) errors.Add(new RowError(at, "group", $"'{name}' is not a group the government-github table knows; nothing is guessed"));
                var id = login.Trim().ToLowerInvariant();
                collected.Add(at, id, ContentOf(login.Trim(), group ?? new Group("other", null)), login, errors);
                if (network is not null && network.Value.RecordId != id) links.Add(new ImportLink(at, id, "member_of", network.Value.RecordId, Party.Third));
            }
        }
        // A network: its own login's record (named, with its website) or one of its own.
        var parsed = collected.Build(links);
        var networks = CivicHackerGroups.Values.Where(_ => list == GithubList.CivicHackers).Select(g => g.Network).OfType<NetworkRecord>().ToList();
        var records = parsed.Records.Select(r => networks.FirstOrDefault(n => n.Login == r.SourceRecordId) is { } n
            ? r with { Content = r.Content with { Name = n.Name, Kind = "network", Website = n.Website } }
            : r).ToList();
        foreach (var n in networks.Where(n => n.Login is null || !records.Any(r => r.SourceRecordId == n.Login)))
            records.Add(new ImportRecord(0, NetworkOf(n).RecordId, new OrganizationContent { Name = n.Name, Kind = "network", Website = n.Website }));
        return parsed with { Records = records };
    }

    private static (string RecordId, NetworkRecord Network) NetworkOf(NetworkRecord n) => (n.Login ?? $"network:{TextKey.Slug(n.Name)}", n);

    private static OrganizationContent ContentOf(string login, Group group)
    {
        var locality = group.CityLevel ? GithubPlaceNames.FromLogin(login) : null;
        return new OrganizationContent
        {
            Name = login,
            Kind = group.Kind,
            Website = $"https://github.com/{login}",
            Identifiers = [new Identifier("github", login.ToLowerInvariant())],
            Locations = group.Country is null && locality is null ? [] : [new Location(Locality: locality, Country: group.Country)],
        };
    }
}
