using System.Text.Json;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Exports;

/// <summary>
/// GeoJSON (RFC 7946): a FeatureCollection with one Feature per organization. Its geometry is a
/// Point, a MultiPoint when it has several located places, or null when it has none. Properties are
/// flat scalars so that GDAL and QGIS read them as ordinary attribute columns.
/// </summary>
public static class GeoJsonExport
{
    public const string MediaType = "application/geo+json";

    public static long Write(ExportContext context, Stream output)
    {
        using var json = new JsonOutput(output);
        var writer = json.Writer;
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        // Foreign members (RFC 7946 §6.1): readers that do not know them ignore them.
        writer.WriteString("name", $"{context.DirectoryName} organizations");
        writer.WriteString("licence", context.LicenceStatement);
        writer.WriteStartArray("features");
        var count = JsonStreams.WriteEach(json, context.Read(OrganizationParts.Details | OrganizationParts.Types | OrganizationParts.Locations | OrganizationParts.Classifications),
            (w, o) => WriteFeature(w, o, context));
        writer.WriteEndArray();
        writer.WriteEndObject();
        json.Complete();
        return count;
    }

    private static void WriteFeature(Utf8JsonWriter w, Organization o, ExportContext context)
    {
        var c = o.Content;
        w.WriteStartObject();
        w.WriteString("type", "Feature");
        w.WriteNumber("id", o.Id);
        WriteGeometry(w, c.Locations.Where(l => l.HasCoordinates).ToList());
        w.WriteStartObject("properties");
        w.WriteNumber("id", o.Id);
        w.WriteString("name", c.Name);
        w.WriteString("alternate_names", string.Join(" | ", c.AlternateNames));
        w.WriteString("kind", c.Kind);
        w.WriteString("types", string.Join(" | ", c.Types));
        w.WriteString("sector", c.Sector);
        // As the CSV has them: a currency's facets are among them.
        w.WriteString("classifications", string.Join(" | ", c.Classifications.Select(x => $"{x.Scheme}:{x.Code}")));
        w.WriteString("status", c.Status);
        w.WriteString("description", c.Description);
        w.WriteString("website", c.Website);
        var first = c.Locations.FirstOrDefault();
        w.WriteString("locality", first?.Locality);
        w.WriteString("region", first?.Region);
        w.WriteString("country", first?.Country);
        w.WriteString("url", context.OrganizationUrl(o.Id));
        w.WriteString("source", o.Source?.Name);
        w.WriteString("licence", context.LicenceOf(o).Id);
        w.WriteString("attribution", o.Source?.Attribution);
        w.WriteString("updated_at", o.UpdatedAt.ToString("O"));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteGeometry(Utf8JsonWriter w, IReadOnlyList<Location> located)
    {
        if (located.Count == 0)
        {
            w.WriteNull("geometry");
            return;
        }
        w.WriteStartObject("geometry");
        if (located.Count == 1)
        {
            w.WriteString("type", "Point");
            w.WritePropertyName("coordinates");
            WritePosition(w, located[0]);
        }
        else
        {
            w.WriteString("type", "MultiPoint");
            w.WriteStartArray("coordinates");
            foreach (var l in located) WritePosition(w, l);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    // RFC 7946 positions are [longitude, latitude], in that order.
    private static void WritePosition(Utf8JsonWriter w, Location l)
    {
        w.WriteStartArray();
        w.WriteNumberValue(l.Longitude!.Value);
        w.WriteNumberValue(l.Latitude!.Value);
        w.WriteEndArray();
    }
}
