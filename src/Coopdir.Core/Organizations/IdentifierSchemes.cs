using System.Text.Json;
using System.Text.RegularExpressions;

namespace Coopdir.Core.Organizations;

/// <summary>
/// One identifier scheme: its code (as records carry it), label, the URL a value resolves to, the
/// pattern a value must have, and the reconciliation service for its values where one exists.
/// </summary>
/// <param name="RegisteredNumber">A registrar's number (FCA, Companies House, Northern Ireland): what a "registered number" column may be.</param>
public sealed record IdentifierScheme(string Code, string Label, string Description, string? UriTemplate, Regex Pattern,
    bool RegisteredNumber, string? ReconciliationService, IReadOnlyList<string> Kinds)
{
    /// <summary>Whether organizations of this kind carry identifiers of this scheme (a scheme listing no kinds: any kind).</summary>
    public bool UsedBy(string kind) => Kinds.Count == 0 || Kinds.Contains(kind);

    public bool IsValid(string value) => Pattern.IsMatch(value);

    public string? UriOf(string value) => UriTemplate?.Replace("{value}", Uri.EscapeDataString(value), StringComparison.Ordinal);
}

/// <summary>
/// The identifier-scheme vocabulary (Vocabularies/identifier-schemes.json): listed with the other
/// vocabularies, and read here for what only schemes have (URI template, pattern, service).
/// </summary>
public static class IdentifierSchemes
{
    public const string FileName = "identifier-schemes.json";
    public const string VocabularyName = "identifier-scheme";

    private static readonly Lazy<IReadOnlyList<IdentifierScheme>> Loaded = new(Load);

    public static IReadOnlyList<IdentifierScheme> All => Loaded.Value;

    /// <summary>The scheme of this code, whatever its case ("gb-coh" is GB-COH); values are matched against its pattern ignoring case too.</summary>
    public static IdentifierScheme? Find(string code) =>
        All.FirstOrDefault(s => string.Equals(s.Code, code, StringComparison.OrdinalIgnoreCase));

    private static IReadOnlyList<IdentifierScheme> Load()
    {
        using var document = JsonDocument.Parse(EmbeddedData.Read(FileName));
        return document.RootElement.GetProperty(VocabularyName).GetProperty("terms").EnumerateArray().Select(t => new IdentifierScheme(
                t.GetProperty("code").GetString()!,
                t.GetProperty("label").GetString()!,
                t.GetProperty("description").GetString()!,
                t.TryGetProperty("uri_template", out var uri) && uri.ValueKind == JsonValueKind.String ? uri.GetString() : null,
                new Regex(t.GetProperty("pattern").GetString()!, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(50)),
                t.TryGetProperty("registered_number", out var registered) && registered.GetBoolean(),
                t.TryGetProperty("reconciliation_service", out var service) ? service.GetString() : null,
                t.TryGetProperty("kinds", out var kinds) ? kinds.EnumerateArray().Select(k => k.GetString()!).ToList() : []))
            .ToList();
    }
}
