using System.Text.Json;

namespace Coopdir.Core.Organizations;

/// <summary>ISO 3166-1 alpha-2 countries, with English names from the ESSGlobal country list.</summary>
public static class Countries
{
    private static readonly Lazy<Dictionary<string, string>> NamesByCode = new(Load);
    private static readonly Lazy<Dictionary<string, string>> CodesByName = new(() =>
        NamesByCode.Value.ToDictionary(kv => TextKey.Of(kv.Value), kv => kv.Key));

    // Common ways people write a country that are not its ISO name.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UK"] = "GB", ["United Kingdom"] = "GB", ["Great Britain"] = "GB", ["England"] = "GB", ["Scotland"] = "GB",
        ["Wales"] = "GB", ["Northern Ireland"] = "GB", ["USA"] = "US", ["United States of America"] = "US",
        ["Deutschland"] = "DE", ["Österreich"] = "AT", ["España"] = "ES", ["Italia"] = "IT",
    };

    public static bool IsKnown(string code) => NamesByCode.Value.ContainsKey(code.ToUpperInvariant());

    public static string NameOf(string code) => NamesByCode.Value.GetValueOrDefault(code.ToUpperInvariant()) ?? code;

    /// <summary>Turns an ISO code or a country name into the ISO alpha-2 code, or null when unknown.</summary>
    public static string? Normalize(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 2 && IsKnown(trimmed)) return trimmed.ToUpperInvariant();
        if (Aliases.TryGetValue(trimmed, out var alias)) return alias;
        return CodesByName.Value.GetValueOrDefault(TextKey.Of(trimmed));
    }

    private static Dictionary<string, string> Load()
    {
        using var document = JsonDocument.Parse(EmbeddedData.Read("essglobal-2.1-vocabs.json"));
        return document.RootElement.GetProperty("vocabs").GetProperty("coun").GetProperty("en").GetProperty("terms")
            .EnumerateObject().ToDictionary(t => t.Name.ToUpperInvariant(), t => t.Value.GetString()!);
    }
}
