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

    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "slug", "name", "alternate_names", "kind", "types", "sector", "description", "status", "founded_on",
        "dissolved_on", "website", "email", "phone", "members", "workers", "employees", "counts_year",
        "street", "locality", "region", "postcode", "country", "latitude", "longitude", "other_locations",
        "identifiers", "classifications", "member_of", "source", "source_record_id", "licence", "revision", "updated_at",
    ];

    public static int Write(IEnumerable<Organization> organizations, Stream output)
    {
        using var text = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        foreach (var column in Columns) csv.WriteField(column);
        csv.NextRecord();
        var count = 0;
        foreach (var o in organizations)
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
            csv.WriteField(o.Source?.Licence ?? Licences.DirectoryDefault);
            csv.WriteField(o.Revision);
            csv.WriteField(o.UpdatedAt.ToString("O"));
            csv.NextRecord();
            count++;
        }
        return count;
    }

    /// <summary>
    /// Spreadsheets run a cell starting with =, +, -, @, tab or CR as a formula; a leading apostrophe
    /// makes them show it as text (OWASP's advice for CSV injection).
    /// </summary>
    public static string? Neutralize(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static string OneLine(Location l) => string.Join(", ",
        new[] { l.Street?.Replace('\n', ' '), l.Locality, l.Region, l.Postcode, l.Country }.Where(s => !string.IsNullOrWhiteSpace(s)));
}
