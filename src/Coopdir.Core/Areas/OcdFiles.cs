using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Coopdir.Core.Areas;

/// <summary>The areas and aliases read from a set of division lists, and what could not be read.</summary>
public sealed record AreaList(IReadOnlyList<Area> Areas, IReadOnlyList<AreaAlias> Aliases, IReadOnlyList<string> Errors);

/// <summary>
/// Reads Open Civic Data division id files as the ocd-division-ids repository publishes them
/// (<c>id,name[,sameAs,…,validThrough,validFrom]</c>, some without a header line) into areas. A row whose
/// sameAs names another row of the lists is an alias of it, not an area of its own; each area's parent is
/// its nearest ancestor by id that the lists hold (a county place's county, else its state).
/// </summary>
public static class OcdFiles
{
    public const string SourceName = "Open Civic Data division identifiers";
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>Every <c>*.csv</c> under <paramref name="folder"/>, at any depth, in path order.</summary>
    public static AreaList ReadFolder(string folder, string source = SourceName)
    {
        var files = Directory.GetFiles(folder, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        return Read(files.Select(path => (Path.GetRelativePath(folder, path), (Func<TextReader>)(() => OpenChecked(path)))), source);
    }

    public static AreaList Read(IEnumerable<(string Name, Func<TextReader> Open)> files, string source = SourceName)
    {
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var (name, open) in files)
        {
            using var reader = open();
            ReadRows(name, reader, rows, errors);
        }
        var aliases = new List<AreaAlias>();
        var areas = new List<Area>();
        foreach (var row in rows.Values)
        {
            if (row.SameAs is { } same && same != row.Id && rows.ContainsKey(same))
                aliases.Add(new AreaAlias(row.Id, same, row.SameAsNote));
            // aliases.csv also pairs divisions these lists do not hold (state legislative districts): nothing to add.
            else if (row.Name.Length == 0)
                continue;
            else
                areas.Add(new Area(row.Id, row.Name, AreaLevel.Of(row.Id), null, source, row.ValidFrom, row.ValidThrough));
        }
        var ids = areas.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        // An alias of an alias points at what that one names.
        var target = aliases.ToDictionary(a => a.AliasId, a => a.AreaId, StringComparer.Ordinal);
        aliases = aliases.Select(a => a with { AreaId = Follow(a.AreaId, target) }).Where(a => ids.Contains(a.AreaId)).ToList();
        areas = areas.Select(a => a with { ParentId = Area.NearestAncestor(a.Id, ids.Contains) }).ToList();
        return new AreaList(areas, aliases, errors);
    }

    private sealed record Row(string Id, string Name, string? SameAs, string? SameAsNote, string? ValidFrom, string? ValidThrough);

    private static void ReadRows(string file, TextReader reader, Dictionary<string, Row> rows, List<string> errors)
    {
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false, BadDataFound = null });
        string[]? header = null;
        while (csv.Read())
        {
            var line = csv.Parser.Row;
            var cells = csv.Parser.Record ?? [];
            if (line == 1 && cells.Length > 0 && cells[0] == "id") { header = cells; continue; }
            string? Cell(string column, int position)
            {
                var index = header is null ? position : Array.IndexOf(header, column);
                return index >= 0 && index < cells.Length && cells[index].Trim() is { Length: > 0 } value ? value : null;
            }
            var id = Cell("id", 0);
            var name = Cell("name", 1);
            var sameAs = Cell("sameAs", header is null ? -1 : 2);
            // aliases.csv names no division, only which id is the same as which.
            if (id is null || (name is null && sameAs is null)) { errors.Add($"{file}: line {line}: an id and a name are required"); continue; }
            if (!Area.IsDivisionId(id)) { errors.Add($"{file}: line {line}: id: \"{id}\" is not an OCD division id (ocd-division/country:xx/type:name…)"); continue; }
            var row = new Row(id, name ?? "", sameAs, Cell("sameAsNote", -1), Cell("validFrom", -1), Cell("validThrough", -1));
            rows[id] = rows.TryGetValue(id, out var seen)
                ? seen with { Name = seen.Name.Length > 0 ? seen.Name : row.Name, SameAs = seen.SameAs ?? row.SameAs, SameAsNote = seen.SameAsNote ?? row.SameAsNote }
                : row;
        }
    }

    private static string Follow(string id, Dictionary<string, string> target)
    {
        for (var hops = 0; hops < 8 && target.TryGetValue(id, out var next); hops++) id = next;
        return id;
    }

    /// <summary>A list file, refused past <see cref="MaxFileBytes"/>.</summary>
    public static StreamReader OpenChecked(string path)
    {
        if (new FileInfo(path).Length > MaxFileBytes) throw new InvalidDataException($"{path} is larger than {MaxFileBytes / 1024 / 1024} MB");
        return new StreamReader(path);
    }
}
