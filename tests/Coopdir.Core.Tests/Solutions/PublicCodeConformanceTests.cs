using Coopdir.Core.Organizations;
using Coopdir.Core.Solutions.PublicCode;
using Xunit.Abstractions;

namespace Coopdir.Core.Tests.Solutions;

/// <summary>
/// The reference parser's (italia/publiccode-parser-go) test files: every valid file (with or without warnings) is
/// accepted and maps to a valid record; every invalid file is rejected with an error on the key its name names
/// (KEY_REASON.yml). Where Coopdir cannot agree, <see cref="Disagreements"/> says which file and why; a disagreement
/// that goes away fails the test too, so the list stays true.
/// </summary>
public sealed class PublicCodeConformanceTests(ITestOutputHelper output)
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "data", "publiccode", "parser-testdata", "v0");

    /// <summary>Files the reference parser rejects that Coopdir accepts, and why: each needs the network or a list not available offline.</summary>
    public static readonly IReadOnlyDictionary<string, string> Disagreements = new Dictionary<string, string>
    {
        ["invalid/description_en_videos_invalid_oembed.yml"] = "whether a video URL has oEmbed can only be asked over the network",
        ["invalid/logo_missing_url.yml"] = "whether a logo URL answers can only be asked over the network",
        ["invalid/fundedBy_uri_wrong_italian_pa2.yml"] = "urn:x-italian-pa:no_such_pa is well formed; the Italian public administrations' index (IPA) that would refute it is not available here",
        ["invalid/organisation_uri_wrong_italian_pa2.yml"] = "as fundedBy_uri_wrong_italian_pa2: the IPA index is not available",
        ["invalid/it_riuso_codiceIPA_invalid.yml"] = "NO_SUCH_IPA_CODE is well formed; the IPA index is not available",
    };

    /// <summary>Files whose name names no key, or names it otherwise than its path: the key path expected.</summary>
    private static readonly IReadOnlyDictionary<string, string> KeyOf = new Dictionary<string, string>
    {
        ["file_encoding"] = "", // the whole file: not UTF-8
        ["invalid_yaml"] = "",
        ["mostly_empty"] = "name", // the first of the mandatory keys it lacks
        ["unknown_field"] = "foobar",
        ["description_invalid_language"] = "description.xxx",
        ["fundedBy_wrong_uri"] = "fundedBy[0].uri",
        ["organisation_wrong_uri"] = "organisation.uri",
        ["supports_unknown_alias"] = "supports[0].id",
    };

    [Fact]
    public void Every_valid_file_is_accepted_and_every_invalid_one_rejected_on_the_key_its_name_names()
    {
        var report = new List<string>();
        int valid = 0, warned = 0, invalid = 0;
        var disagreements = new Dictionary<string, string>();
        foreach (var path in Directory.EnumerateFiles(Root, "*.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(Root, path).Replace('\\', '/');
            var result = PublicCodeReader.Read(File.ReadAllBytes(path), new PublicCodeReadOptions(BaseDirectory: Path.GetDirectoryName(path)));
            if (relative.StartsWith("invalid/", StringComparison.Ordinal))
            {
                invalid++;
                var stem = Path.GetFileNameWithoutExtension(path);
                if (result.IsValid) { disagreements[relative] = "accepted"; continue; }
                var expected = KeyOf.GetValueOrDefault(stem);
                if (!result.Errors.Any(e => expected is null ? Names(stem, e.Path) : e.Path == expected))
                    disagreements[relative] = $"rejected, but on other keys: {string.Join("; ", result.Errors)}";
            }
            else
            {
                if (relative.StartsWith("valid/", StringComparison.Ordinal)) valid++; else warned++;
                if (!result.IsValid) { disagreements[relative] = $"rejected: {string.Join("; ", result.Errors)}"; continue; }
                var content = PublicCodeMapping.ToContent(result.Document!);
                if (OrganizationValidator.Validate(content) is { Count: > 0 } problems)
                    disagreements[relative] = $"accepted, but its record is invalid: {string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}"))}";
                if (relative.StartsWith("valid_with_warnings/", StringComparison.Ordinal) && result.Warnings.Count == 0)
                    disagreements[relative] = "accepted without the warning the reference parser gives";
            }
        }
        output.WriteLine($"{valid} valid, {warned} valid with warnings, {invalid} invalid; {disagreements.Count} disagreements");
        foreach (var (file, what) in disagreements) output.WriteLine($"{file}: {what}");

        Assert.Equal(Disagreements.Keys.Order(), disagreements.Keys.Order());
        Assert.All(disagreements, d => Assert.StartsWith("accepted", d.Value));
        Assert.Equal((30, 11, 132), (valid, warned, invalid));
    }

    // The file's name begins with the key path, its parts joined by "_" (list indexes left out), then "_" and the reason.
    private static bool Names(string stem, string path)
    {
        var key = System.Text.RegularExpressions.Regex.Replace(path, @"\[\d+\]", "").Replace('.', '_');
        return key.Length > 0 && stem.StartsWith(key + "_", StringComparison.OrdinalIgnoreCase)
            && !Reasonless.Any(word => stem[(key.Length + 1)..].StartsWith(word, StringComparison.Ordinal));
    }

    // What follows the key is the reason, never a further part of a key (description_en_… names description.en.…, not description).
    private static readonly string[] Reasonless = ["en_", "open_", "contacts_", "contractors_", "uri_", "countries_", "scope_", "unsupportedCountries_", "localisationReady_", "availableLanguages_", "riuso_"];
}
