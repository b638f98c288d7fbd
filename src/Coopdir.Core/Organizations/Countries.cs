using System.Globalization;
using System.Text.Json;

namespace Coopdir.Core.Organizations;

/// <summary>
/// ISO 3166-1 alpha-2 countries. Codes and English names come from the ESSGlobal country list; a name
/// is recognised in any spelling those sources give, compared as a <see cref="TextKey"/> (ignoring case,
/// diacritics and punctuation): ESSGlobal's English, Spanish and French labels, and the English and
/// native names .NET (ICU) knows for every region of every culture ("Österreich", "Ελλάδα", "Latvija").
/// Nothing is guessed: a misspelling ("Frace") or a city is unknown and the caller reports it.
/// </summary>
public static class Countries
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> LabelsByLanguage = new(Load);
    private static readonly Lazy<Dictionary<string, string>> CodesByName = new(NameKeys);

    // What neither source names (as text keys): the UK's nations and usual short forms, and a former name.
    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["uk"] = "GB", ["great britain"] = "GB", ["england"] = "GB", ["scotland"] = "GB", ["wales"] = "GB",
        ["northern ireland"] = "GB", ["usa"] = "US", ["united states of america"] = "US", ["czech republic"] = "CZ",
    };

    private static IReadOnlyDictionary<string, string> NamesByCode => LabelsByLanguage.Value["en"];

    public static bool IsKnown(string code) => NamesByCode.ContainsKey(code.ToUpperInvariant());

    public static string NameOf(string code) => NamesByCode.GetValueOrDefault(code.ToUpperInvariant()) ?? code;

    /// <summary>Every country we know, by English name: what a form offers to choose from.</summary>
    public static IEnumerable<(string Code, string Name)> ByName =>
        NamesByCode.Select(c => (Code: c.Key, Name: c.Value)).OrderBy(c => c.Name, StringComparer.Create(CultureInfo.InvariantCulture, ignoreCase: true));

    /// <summary>Turns an ISO code or a country name into the ISO alpha-2 code, or null when unknown.</summary>
    /// <remarks>A two-letter value that is a code is taken as that code, even where a source may have meant
    /// another country by it ("SR" is Suriname).</remarks>
    public static string? Normalize(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 2 && IsKnown(trimmed)) return trimmed.ToUpperInvariant();
        return CodesByName.Value.GetValueOrDefault(TextKey.Of(trimmed));
    }

    /// <summary>Why a value that <see cref="Normalize"/> does not know is refused, in every reader's words.</summary>
    public static string Unknown(string value) =>
        $"'{value}' is not a country we know (use an ISO 3166-1 code or a country name)";

    private static Dictionary<string, string> NameKeys()
    {
        var names = LabelsByLanguage.Value.Values.SelectMany(labels => labels.Select(l => (Name: l.Value, Code: l.Key)))
            .Concat(RegionNames())
            .Where(n => IsKnown(n.Code))
            .Select(n => (Key: TextKey.Of(n.Name), Code: n.Code.ToUpperInvariant()))
            .Distinct();
        // A name two countries share says neither, so it is left out rather than given to one of them.
        var keys = names.GroupBy(n => n.Key).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Code);
        foreach (var (alias, code) in Aliases) keys[alias] = code;
        return keys;
    }

    private static IEnumerable<(string Name, string Code)> RegionNames()
    {
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try { region = new RegionInfo(culture.Name); }
            catch (ArgumentException) { continue; } // a culture without a country, such as a world-wide one
            yield return (region.EnglishName, region.TwoLetterISORegionName);
            yield return (region.NativeName, region.TwoLetterISORegionName);
        }
    }

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Load()
    {
        using var document = JsonDocument.Parse(EmbeddedData.Read("essglobal-2.1-vocabs.json"));
        return document.RootElement.GetProperty("vocabs").GetProperty("coun").EnumerateObject().ToDictionary(
            language => language.Name,
            language => (IReadOnlyDictionary<string, string>)language.Value.GetProperty("terms").EnumerateObject()
                .ToDictionary(t => t.Name.ToUpperInvariant(), t => t.Value.GetString()!));
    }
}
