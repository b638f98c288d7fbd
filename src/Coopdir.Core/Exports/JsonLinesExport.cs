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
        using var json = new JsonOutput(output);
        foreach (var organization in context.Read(OrganizationParts.All | OrganizationParts.Provenance))
        {
            JsonSerializer.Serialize(json.Writer, OrganizationDetail.From(organization, context.DirectoryLicence, areas: context.Areas), PublicJson.Options);
            json.WriteRaw("\n"u8);
            json.Writer.Reset();
            json.Spill();
            count++;
        }
        json.Complete();
        return count;
    }
}
