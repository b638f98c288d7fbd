using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coopdir.Core.Organizations;

/// <summary>The JSON form of <see cref="OrganizationContent"/> kept in revisions (before and after).</summary>
public static class Snapshots
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(OrganizationContent content) => JsonSerializer.Serialize(content, Options);

    public static OrganizationContent FromJson(string json) =>
        JsonSerializer.Deserialize<OrganizationContent>(json, Options)
        ?? throw new InvalidOperationException("A revision snapshot was empty.");
}
