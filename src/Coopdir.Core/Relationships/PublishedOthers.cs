using System.Data.Common;
using System.Globalization;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Relationships;

/// <summary>
/// Which organization a published entry names: by its address in this directory
/// (<c>{directory}/organizations/42</c>), or by its website, when exactly one organization has that website
/// (whatever the scheme, a leading www. or a trailing slash). Anything else is reported, never guessed.
/// </summary>
public static class PublishedOthers
{
    public static async Task<(Dictionary<int, long> Found, Dictionary<int, FieldError> Problems)> ResolveAsync(
        DbConnection connection, Uri directory, IReadOnlyList<PublishedEntry> entries)
    {
        var found = new Dictionary<int, long>();
        var problems = new Dictionary<int, FieldError>();
        var byId = new Dictionary<int, long>();
        var byWebsite = new Dictionary<int, string>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Link is not { } link) continue;
            var url = new Uri(link.Other);
            if (!IsInDirectory(url, directory)) byWebsite[i] = Key(url);
            else if (IdIn(url, directory) is { } id) byId[i] = id;
            else problems[i] = Problem(entries[i], $"'{link.Other}' is an address in this directory but not of an organization ({Base(directory)}/organizations/ID)");
        }

        var parameters = new DynamicParameters();
        var existing = (await connection.QueryAsync<long>($"SELECT id FROM organizations WHERE {SqlList.In("id", "id", byId.Values.Distinct(), parameters)}", parameters)).ToHashSet();
        foreach (var (i, id) in byId)
        {
            if (existing.Contains(id)) found[i] = id;
            else problems[i] = Problem(entries[i], $"there is no organization {id} in this directory");
        }

        var websites = await WebsitesAsync(connection, byWebsite.Values.Distinct().ToList());
        foreach (var (i, key) in byWebsite)
        {
            var ids = websites.GetValueOrDefault(key) ?? [];
            if (ids.Count == 1) found[i] = ids[0];
            else problems[i] = Problem(entries[i], ids.Count == 0
                ? $"no organization in this directory has the website {entries[i].Link!.Other}; name it by its address here ({Base(directory)}/organizations/ID), or add it first"
                : $"{ids.Count} organizations have the website {entries[i].Link!.Other} ({string.Join(", ", ids)}); name the one meant by its address here ({Base(directory)}/organizations/ID)");
        }
        return (found, problems);
    }

    // The organizations whose website has each key, read in one statement per few hundred spellings.
    private static async Task<Dictionary<string, List<long>>> WebsitesAsync(DbConnection connection, List<string> keys)
    {
        var byKey = new Dictionary<string, List<long>>();
        foreach (var chunk in keys.SelectMany(Spellings).Chunk(500))
        {
            var parameters = new DynamicParameters();
            var rows = await connection.QueryAsync<(long Id, string Website)>(
                $"SELECT id, website FROM organizations WHERE {SqlList.In("lower(website)", "w", chunk, parameters)}", parameters);
            foreach (var (id, website) in rows)
            {
                if (!Uri.TryCreate(website, UriKind.Absolute, out var url)) continue;
                var list = byKey.TryGetValue(Key(url), out var l) ? l : byKey[Key(url)] = [];
                if (!list.Contains(id)) list.Add(id);
            }
        }
        foreach (var list in byKey.Values) list.Sort();
        return byKey;
    }

    // A website's key: host without www., a port only when it is not the scheme's, the path without its trailing slash; lower case.
    private static string Key(Uri url) =>
        (HostKey(url.Host) + (url.IsDefaultPort ? "" : ":" + url.Port.ToString(CultureInfo.InvariantCulture)) + url.AbsolutePath.TrimEnd('/')).ToLowerInvariant();

    private static IEnumerable<string> Spellings(string key)
    {
        var slash = key.IndexOf('/');
        var (host, path) = slash < 0 ? (key, "") : (key[..slash], key[slash..]);
        foreach (var scheme in new[] { "http://", "https://" })
        foreach (var prefix in new[] { "", "www." })
        foreach (var end in new[] { "", "/" })
            yield return scheme + prefix + host + path + end;
    }

    private static string HostKey(string host) =>
        host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..].ToLowerInvariant() : host.ToLowerInvariant();

    private static bool IsInDirectory(Uri url, Uri directory) =>
        HostKey(url.Host) == HostKey(directory.Host) && (url.IsDefaultPort && directory.IsDefaultPort || url.Port == directory.Port);

    private static long? IdIn(Uri url, Uri directory)
    {
        var prefix = directory.AbsolutePath.TrimEnd('/') + "/organizations/";
        var path = url.AbsolutePath.TrimEnd('/');
        return path.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(path[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    private static string Base(Uri directory) => directory.GetLeftPart(UriPartial.Path).TrimEnd('/');

    private static FieldError Problem(PublishedEntry entry, string message) => new($"{entry.Entry}.{entry.OtherField}", message);
}
