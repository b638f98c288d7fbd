using System.Globalization;
using System.Text;
using Coopdir.Core.Organizations;

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
            new("member_of", "string", "Ids of the networks it belongs to now, separated by \" | \" (every relationship is in relationships.csv)"),
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
        using var csv = new CsvOutput(output);
        csv.Row(Columns);
        var count = 0L;
        foreach (var o in context.Organizations())
        {
            var c = o.Content;
            var first = c.Locations.Count > 0 ? c.Locations[0] : NoLocation;
            csv.Field(o.Id);
            csv.Field(Neutralize(o.Slug));
            csv.Field(Neutralize(c.Name));
            csv.Field(Neutralize(Joined(c.AlternateNames)));
            csv.Field(Neutralize(c.Kind));
            csv.Field(Neutralize(Joined(c.Types)));
            csv.Field(Neutralize(c.Sector));
            csv.Field(Neutralize(c.Description));
            csv.Field(Neutralize(c.Status));
            csv.Field(Neutralize(c.FoundedOn));
            csv.Field(Neutralize(c.DissolvedOn));
            csv.Field(Neutralize(c.Website));
            csv.Field(Neutralize(c.Email));
            csv.Field(Neutralize(c.Phone));
            csv.Field(c.Counts?.Members);
            csv.Field(c.Counts?.Workers);
            csv.Field(c.Counts?.Employees);
            csv.Field(c.Counts?.Year);
            csv.Field(Neutralize(first.Street));
            csv.Field(Neutralize(first.Locality));
            csv.Field(Neutralize(first.Region));
            csv.Field(Neutralize(first.Postcode));
            csv.Field(Neutralize(first.Country));
            csv.Field(first.Latitude);
            csv.Field(first.Longitude);
            csv.Field(Neutralize(c.Locations.Count > 1 ? string.Join(" | ", c.Locations.Skip(1).Select(OneLine)) : ""));
            csv.Field(Neutralize(c.Identifiers.Count > 0 ? string.Join(" | ", c.Identifiers.Select(i => $"{i.Scheme}:{i.Value}")) : ""));
            csv.Field(Neutralize(c.Classifications.Count > 0 ? string.Join(" | ", c.Classifications.Select(x => $"{x.Scheme}:{x.Code}")) : ""));
            csv.Field(string.Join(" | ", o.Networks.Select(n => n.ObjectId)));
            csv.Field(Neutralize(o.Source?.Name));
            csv.Field(Neutralize(o.Source?.RecordId));
            csv.Field(context.LicenceOf(o).Id);
            csv.Field(Neutralize(o.Source?.Attribution));
            csv.Field(o.Revision);
            csv.Field(o.UpdatedAt);
            csv.EndRow();
            count++;
        }
        return count;
    }

    /// <summary>Writes a header and rows, neutralising every cell that could run as a formula.</summary>
    public static long WriteTable(Stream output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var csv = new CsvOutput(output);
        csv.Row(header);
        var count = 0L;
        foreach (var row in rows)
        {
            foreach (var cell in row) csv.Field(Neutralize(cell));
            csv.EndRow();
            count++;
        }
        return count;
    }

    private static readonly Location NoLocation = new();

    private static string Joined(IReadOnlyList<string> values) => values.Count == 0 ? "" : string.Join(" | ", values);

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
