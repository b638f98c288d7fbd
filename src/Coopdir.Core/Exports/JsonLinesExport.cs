using System.Text.Json;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Exports;

/// <summary>JSON Lines: one whole record per line, in the same shape as GET /api/v1/organizations/{id}.</summary>
public static class JsonLinesExport
{
    public const string MediaType = "application/jsonl";

    public static long Write(ExportContext context, Stream output)
    {
        var count = 0L;
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = PublicJson.Options.Encoder });
        foreach (var organization in context.Organizations())
        {
            JsonSerializer.Serialize(writer, OrganizationDetail.From(organization, context.DirectoryLicence), PublicJson.Options);
            writer.Flush();
            writer.Reset();
            output.WriteByte((byte)'\n');
            count++;
        }
        output.Flush();
        return count;
    }
}
