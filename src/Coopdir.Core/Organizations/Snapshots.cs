using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
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
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutNoDescriptionsByLanguage } },
    };

    // Snapshots written before descriptions_by_language existed lack it; leaving out an empty one keeps
    // them equal to today's, so a re-import of an unchanged record is still "unchanged", not "updated".
    private static void LeaveOutNoDescriptionsByLanguage(JsonTypeInfo info)
    {
        if (info.Type != typeof(OrganizationContent)) return;
        var property = info.Properties.Single(p => p.Name == "descriptions_by_language");
        property.ShouldSerialize = (_, value) => value is IReadOnlyList<LanguageText> { Count: > 0 };
    }

    public static string ToJson(OrganizationContent content) => JsonSerializer.Serialize(content, Options);

    public static OrganizationContent FromJson(string json) =>
        JsonSerializer.Deserialize<OrganizationContent>(json, Options)
        ?? throw new InvalidOperationException("A revision snapshot was empty.");

    /// <summary>A relationship's assertions as its row keeps them, in the snapshot's own form.</summary>
    public static string AssertionsToJson(IReadOnlyList<Assertion> assertions) => JsonSerializer.Serialize(assertions, Options);

    public static IReadOnlyList<Assertion> AssertionsFromJson(string json) =>
        JsonSerializer.Deserialize<List<Assertion>>(json, Options) ?? [];
}
