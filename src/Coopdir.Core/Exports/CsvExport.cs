using System.Globalization;
using System.Text;
using Coopdir.Core.Organizations;
using CsvHelper;

namespace Coopdir.Core.Exports;

/// <summary>
/// CSV (UTF-8, RFC 4180): one row per organization. The first location fills the address columns;
/// further locations, identifiers and classifications are flattened into "a | b" lists.
/// </summary>
public static class CsvExport
{
    public const string MediaType = "text/csv";

    /// <summary>The columns, described as a Table Schema (the data package uses it as is).</summary>
    public static readonly TableResource Table = new("organizations", "organizations.csv",
        "One row per organization. Cells that a spreadsheet would run as a formula start with an apostrophe.",
        [
            new("id", "integer", "Stable Coopdir id, never reused", Required: true, Unique: true),
            new("slug", "string", "URL name", Required: true),
            new("name", "string", "Primary name", Required: true),
            new("alternate_names", "string", "Other names, separated by \" | \""),
            new("kind", "string", "Kind (Coopdir vocabulary code)", Required: true),
            new("types", "string", "Cooperative types (vocabulary codes), separated by \" | \""),
            new("sector", "string", "Sector (vocabulary code)"),
            new("description", "string", "Description"),
            new("status", "string", "active, dissolved or unknown", Required: true, Enum: OrganizationStatus.All),
            new("founded_on", "string", "Founding date: YYYY, YYYY-MM or YYYY-MM-DD"),
            new("dissolved_on", "string", "Dissolution date: YYYY, YYYY-MM or YYYY-MM-DD"),
            new("website", "string", "Web site", Format: "uri"),
            new("email", "string", "Public contact email"),
            new("phone", "string", "Public contact phone"),
            new("members", "integer", "Number of members"),
            new("workers", "integer", "Number of worker-owners"),
            new("employees", "integer", "Number of employees"),
            new("counts_year", "integer", "Year of the counts"),
            new("street", "string", "First location: street address"),
            new("locality", "string", "First location: town or city"),
            new("region", "string", "First location: region or state"),
            new("postcode", "string", "First location: postal code"),
            new("country", "string", "First location: ISO 3166-1 alpha-2 country code"),
            new("latitude", "number", "First location: WGS 84 latitude"),
            new("longitude", "number", "First location: WGS 84 longitude"),
            new("other_locations", "string", "Further locations, one line each, separated by \" | \""),
            new("identifiers", "string", "scheme:value pairs, separated by \" | \""),
            new("classifications", "string", "scheme:code pairs from outside vocabularies, separated by \" | \""),
            new("member_of", "string", "Ids of the networks it belongs to, separated by \" | \""),
            new("source", "string", "Name of the source dataset; empty when entered in the directory"),
            new("source_record_id", "string", "The record's id in its source"),
            new("licence", "string", "SPDX id of the licence covering this row", Required: true),
            new("attribution", "string", "Attribution the source's licence asks for"),
            new("revision", "integer", "Revision number of the record", Required: true),
            new("updated_at", "datetime", "Time of the last change (ISO 8601, UTC)", Format: "any", Required: true),
        ],
        PrimaryKey: "id");

    public static IReadOnlyList<string> Columns => Table.Header;

    public static long Write(ExportContext context, Stream output)
    {
        using var csv = Open(output);
        foreach (var column in Columns) csv.WriteField(column);
        csv.NextRecord();
        var count = 0L;
        foreach (var o in context.Organizations())
        {
            var c = o.Content;
            var first = c.Locations.FirstOrDefault() ?? new Location();
            string?[] textCells =
            [
                o.Slug, c.Name, string.Join(" | ", c.AlternateNames), c.Kind, string.Join(" | ", c.Types), c.Sector,
                c.Description, c.Status, c.FoundedOn, c.DissolvedOn, c.Website, c.Email, c.Phone,
            ];
            csv.WriteField(o.Id);
            foreach (var cell in textCells) csv.WriteField(Neutralize(cell));
            csv.WriteField(c.Counts?.Members);
            csv.WriteField(c.Counts?.Workers);
            csv.WriteField(c.Counts?.Employees);
            csv.WriteField(c.Counts?.Year);
            foreach (var cell in new[] { first.Street, first.Locality, first.Region, first.Postcode, first.Country })
                csv.WriteField(Neutralize(cell));
            csv.WriteField(first.Latitude?.ToString("R", CultureInfo.InvariantCulture));
            csv.WriteField(first.Longitude?.ToString("R", CultureInfo.InvariantCulture));
            csv.WriteField(Neutralize(string.Join(" | ", c.Locations.Skip(1).Select(OneLine))));
            csv.WriteField(Neutralize(string.Join(" | ", c.Identifiers.Select(i => $"{i.Scheme}:{i.Value}"))));
            csv.WriteField(Neutralize(string.Join(" | ", c.Classifications.Select(x => $"{x.Scheme}:{x.Code}"))));
            csv.WriteField(string.Join(" | ", c.MemberOf.Select(m => m.NetworkId)));
            csv.WriteField(Neutralize(o.Source?.Name));
            csv.WriteField(Neutralize(o.Source?.RecordId));
            csv.WriteField(context.LicenceOf(o).Id);
            csv.WriteField(Neutralize(o.Source?.Attribution));
            csv.WriteField(o.Revision);
            csv.WriteField(o.UpdatedAt.ToString("O"));
            csv.NextRecord();
            count++;
        }
        return count;
    }

    /// <summary>A CSV writer over the stream (UTF-8 without a byte order mark, CRLF rows, quoting as RFC 4180 asks).</summary>
    public static CsvWriter Open(Stream output) =>
        new(new StreamWriter(output, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true), CultureInfo.InvariantCulture);

    /// <summary>Writes a header and rows, neutralising every cell that could run as a formula.</summary>
    public static long WriteTable(Stream output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var csv = Open(output);
        foreach (var column in header) csv.WriteField(column);
        csv.NextRecord();
        var count = 0L;
        foreach (var row in rows)
        {
            foreach (var cell in row) csv.WriteField(Neutralize(cell));
            csv.NextRecord();
            count++;
        }
        return count;
    }

    /// <summary>
    /// Spreadsheets run a cell starting with =, +, -, @, tab or CR as a formula; a leading apostrophe
    /// makes them show it as text (OWASP's advice for CSV injection). A plain number, such as a
    /// negative longitude, is left alone: it cannot run as anything.
    /// </summary>
    public static string? Neutralize(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? "'" + value
            : value;

    private static string OneLine(Location l) => string.Join(", ",
        new[] { l.Street?.Replace('\n', ' '), l.Locality, l.Region, l.Postcode, l.Country }.Where(s => !string.IsNullOrWhiteSpace(s)));
}
