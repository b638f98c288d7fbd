using System.Text.Json;
using System.Text.Json.Serialization;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Organizations;

/// <summary>The JSON form of <see cref="OrganizationContent"/> kept in revisions (before and after).</summary>
public static class Snapshots
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string ToJson(OrganizationContent content) => JsonSerializer.Serialize(content, Options);

    public static OrganizationContent FromJson(string json) =>
        JsonSerializer.Deserialize<OrganizationContent>(json, Options)
        ?? throw new InvalidOperationException("A revision snapshot was empty.");

    /// <summary>A relationship's assertions as its row keeps them, in the snapshot's own form.</summary>
    public static string AssertionsToJson(IReadOnlyList<Assertion> assertions) => JsonSerializer.Serialize(assertions, Options);

    public static IReadOnlyList<Assertion> AssertionsFromJson(string json) =>
        JsonSerializer.Deserialize<List<Assertion>>(json, Options) ?? [];
}
