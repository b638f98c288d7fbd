using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Coopdir.Core.Organizations;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Coopdir.Core.Solutions.PublicCode;

/// <summary>One thing wrong with a publiccode.yml: the key path (e.g. <c>description.en.shortDescription</c>, <c>maintenance.contacts[0].email</c>) and why.</summary>
public sealed record PublicCodeProblem(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}

/// <summary>
/// Which publiccode.yml a file is written to: the standard itself, or code.gouv.fr's catalogue dialect (0.2 with
/// <c>creationDate</c> and <c>latestRelease</c>, <c>usedBy</c> and <c>fundedBy</c> as names with URLs, and many of the
/// standard's mandatory keys left out or blank). In the dialect, what the standard would call an error for a key the
/// dialect does not ask for is a warning instead; what is there must still be right.
/// </summary>
public enum PublicCodeDialect { Standard, CodeGouvFr }

/// <param name="BaseDirectory">
/// The folder of the repository the file describes, when known: relative paths (logo, screenshots, authorsFile) must
/// then name files in it, as the reference parser checks them offline. Without it they cannot be checked and a warning says so.
/// </param>
public sealed record PublicCodeReadOptions(PublicCodeDialect Dialect = PublicCodeDialect.Standard, string? BaseDirectory = null);

/// <summary>A publiccode.yml read: its errors (any makes it invalid), its warnings, and the document when it parsed as YAML.</summary>
public sealed record PublicCodeResult(IReadOnlyList<PublicCodeProblem> Errors, IReadOnlyList<PublicCodeProblem> Warnings, YamlMappingNode? Document,
    PublicCodeDialect Dialect)
{
    public bool IsValid => Errors.Count == 0 && Document is not null;
}

/// <summary>
/// Validates a publiccode.yml (versions 0.2 to 0.7 of the standard, https://yml.publiccode.tools) as the standard's
/// key-by-key reference says: types, mandatory keys, the controlled vocabularies (categories, scopes, aliases), limits
/// (shortDescription at most 150 characters, longDescription 150 to 10,000, counted as the reader sees them: grapheme
/// clusters), URLs, dates, SPDX licence expressions, BCP 47 tags and ISO 3166-1 countries. Every problem is reported
/// with its key path; deprecated keys and older versions are warnings, kept apart from errors. Like the reference parser
/// it reads YAML 1.2: <c>yes</c>/<c>no</c>/<c>on</c>/<c>off</c> are strings, not booleans, and unknown keys are errors.
/// Checks that need the network (that a URL answers, that a video has oEmbed, that a <c>urn:x-italian-pa:</c> code is in
/// the Italian public administrations' index) are not made: Coopdir validates offline.
/// </summary>
public static partial class PublicCodeReader
{
    public const long MaxFileBytes = 1024 * 1024;
    public const string LatestVersion = "0.7";
    public const int MaxShortDescription = 150, MinLongDescription = 150, MaxLongDescription = 10_000, MaxGenericName = 35;

    public static readonly IReadOnlyList<string> Platforms = ["web", "windows", "mac", "linux", "ios", "android"];
    /// <summary>The aliases <c>supports</c> may name (the standard's aliases-list).</summary>
    public static readonly IReadOnlyList<string> SupportAliases = ["gdpr", "eidas", "nis2", "cra", "spid", "cie", "anpr", "pagopa", "io"];
    private static readonly string[] LogoExtensions = [".svg", ".svgz", ".png"];
    private static readonly string[] ScreenshotExtensions = [".png", ".jpg", ".jpeg"];
    private static readonly string[] ItalianVersions = ["0.2", "1.0"];

    public static PublicCodeResult Read(string text, PublicCodeReadOptions? options = null) =>
        Read(Encoding.UTF8.GetBytes(text), options);

    public static PublicCodeResult Read(byte[] bytes, PublicCodeReadOptions? options = null)
    {
        options ??= new PublicCodeReadOptions();
        if (bytes.LongLength > MaxFileBytes)
            return Failed(options, $"is {bytes.LongLength:N0} bytes; a publiccode.yml over {MaxFileBytes:N0} bytes is refused");
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Failed(options, "is not UTF-8 text (the standard's files are UTF-8)");
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        if (Imports.YamlLimits.Problem(new StringReader(text)) is { } tooMuch) return Failed(options, tooMuch);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return Failed(options, $"is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.InnerException?.Message ?? e.Message}");
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            return Failed(options, "must be one YAML document whose top level is a mapping of keys");
        var check = new Checker(options);
        check.Document(root);
        return new PublicCodeResult(check.Errors, check.Warnings, root, options.Dialect);
    }

    private static PublicCodeResult Failed(PublicCodeReadOptions options, string message) =>
        new([new PublicCodeProblem("", $"the file {message}")], [], null, options.Dialect);

    /// <summary>Text as the standard counts it: user-perceived characters (grapheme clusters), not UTF-16 units.</summary>
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>A YAML 1.2 scalar's text when it is a string-like value (not null); a quoted scalar is always a string.</summary>
    internal static string? Text(YamlNode? node) =>
        node is YamlScalarNode s && !IsNull(s) ? s.Value : null;

    internal static bool IsNull(YamlScalarNode s) =>
        s.Style == YamlDotNet.Core.ScalarStyle.Plain && (s.Value is null or "" or "~" or "null" or "Null" or "NULL");

    internal static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    internal static bool IsDay(string value) =>
        value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    internal static bool IsHttpUrl(string value) => OrganizationValidator.IsWebUrl(value);

    /// <summary>An absolute URI (a URL or a URN such as <c>urn:x-foobar:my-organisation</c>).</summary>
    internal static bool IsUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && UriScheme().IsMatch(uri.Scheme)
        && (uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Host)) && !value.Any(char.IsWhiteSpace);

    /// <summary>A BCP 47 tag (RFC 5646's shape: a 2–3 letter language, optional extlang, script, region, variants).</summary>
    internal static bool IsLanguageTag(string value) => Bcp47().IsMatch(value) && IsKnownLanguage(value.Split('-')[0]);

    // BCP 47 takes its languages from ISO 639: a well-formed tag whose language is none (xxx) is not a tag. The languages
    // known are ICU's (through .NET's cultures, some 700), so a rare ISO 639-3 language ICU lacks is refused too.
    private static bool IsKnownLanguage(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language, predefinedOnly: true) is { } culture && !string.IsNullOrEmpty(culture.Name);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    // Upper case, or lower case (deprecated); never mixed.
    internal static bool IsCountry(string value) =>
        value.Length == 2 && (value == value.ToUpperInvariant() || value == value.ToLowerInvariant()) && Countries.IsKnown(value.ToUpperInvariant());

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*$")]
    private static partial Regex UriScheme();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(-[0-9A-WY-Za-wy-z](-[A-Za-z0-9]{2,8})+)*(-x(-[A-Za-z0-9]{1,8})+)?$")]
    private static partial Regex Bcp47();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    internal static partial Regex Email();

    [GeneratedRegex(@"^[a-z]+/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$")]
    private static partial Regex MimeType();

    [GeneratedRegex(@"^0(\.([2-9])(\.\d+)?)?$")]
    private static partial Regex Version();

    private sealed class Checker(PublicCodeReadOptions options)
    {
        public readonly List<PublicCodeProblem> Errors = [], Warnings = [];
        private readonly bool dialect = options.Dialect == PublicCodeDialect.CodeGouvFr;

        private void Error(string path, string message) => Errors.Add(new PublicCodeProblem(path, message));
        private void Warn(string path, string message) => Warnings.Add(new PublicCodeProblem(path, message));

        // A wrong value: an error by the standard; code.gouv.fr's dialect is read as far as it is right, and the rest left out.
        private void Invalid(string path, string message)
        {
            if (dialect) Warn(path, $"{message}: not kept");
            else Error(path, message);
        }

        // A mandatory key the file lacks: an error by the standard; in code.gouv.fr's dialect, which does not ask for it, a warning.
        private void Missing(string path, string what = "is mandatory and missing")
        {
            if (dialect) Warn(path, $"{what} (the standard asks for it; code.gouv.fr's dialect does not)");
            else Error(path, what);
        }

        public void Document(YamlMappingNode root)
        {
            var version = Str(root, "publiccodeYmlVersion", "", required: true);
            if (version is not null)
            {
                if (!Version().IsMatch(version) || VersionNumber(version) > 7)
                    Error("publiccodeYmlVersion", $"'{version}' is not a version of the standard this reader knows (0.2 to {LatestVersion}, or \"0\" for the latest 0.x)");
                else if (version != "0" && VersionNumber(version) < 7)
                    Warn("publiccodeYmlVersion", $"{version} is not the latest version of the standard: read as {LatestVersion}; write \"0\" or \"{LatestVersion}\"");
            }
            Str(root, "name", "", required: true);
            Str(root, "applicationSuite", "");
            Url(root, "url", "", required: true, http: false);
            Url(root, "landingURL", "");
            IsBasedOn(root);
            Str(root, "softwareVersion", "");
            if (Str(root, "releaseDate", "") is { } date && !IsDay(date))
                Invalid("releaseDate", $"'{date}' is not a date (YYYY-MM-DD)");
            FilePath(root, "logo", "", LogoExtensions);
            if (Child(root, "monochromeLogo") is not null)
            {
                Warn("monochromeLogo", "is deprecated since 0.4 (use logo)");
                FilePath(root, "monochromeLogo", "", LogoExtensions);
            }
            foreach (var key in new[] { "inputTypes", "outputTypes" })
            {
                if (Child(root, key) is null) continue;
                Warn(key, "is deprecated since 0.4");
                var list = StrList(root, key, "");
                for (var i = 0; i < list.Count; i++)
                    if (list[i] is { } mime && !MimeType().IsMatch(mime)) Error($"{key}[{i}]", $"'{mime}' is not a MIME type (type/subtype)");
            }
            if (StrList(root, "platforms", "", required: true) is { Count: 0 } && Child(root, "platforms") is YamlSequenceNode)
                Missing("platforms", "must name at least one platform");
            Vocabulary(root, "categories", "", "solution-category");
            UsedBy(root);
            Organisations(root, "fundedBy");
            Url(root, "roadmap", "");
            Enum(root, "developmentStatus", "", Vocabularies.Find("development-status")!.Terms.Select(t => t.Code).ToList(), required: true);
            Enum(root, "softwareType", "", Vocabularies.Find("software-type")!.Terms.Select(t => t.Code).ToList(), required: true);
            Supports(root);
            if (Map(root, "organisation", "") is { } organisation) Organisation(organisation, "organisation");
            IntendedAudience(root);
            Description(root);
            Legal(root);
            Maintenance(root);
            Localisation(root);
            DependsOn(root);
            CountrySections(root);
            Dialect(root);
            UnknownKeys(root, "", [
                "publiccodeYmlVersion", "name", "applicationSuite", "url", "landingURL", "isBasedOn", "softwareVersion", "releaseDate",
                "logo", "monochromeLogo", "inputTypes", "outputTypes", "platforms", "categories", "usedBy", "fundedBy", "roadmap",
                "developmentStatus", "softwareType", "supports", "organisation", "intendedAudience", "description", "legal",
                "maintenance", "localisation", "dependsOn", "it", "IT", .. (dialect ? DialectKeys : []),
            ]);
        }

        private static readonly string[] DialectKeys = ["creationDate", "latestRelease"];

        private static int VersionNumber(string version) => version == "0" ? 7 : version[2] - '0';

        private void Dialect(YamlMappingNode root)
        {
            if (!dialect) return;
            if (Str(root, "creationDate", "") is { } created && !IsDay(created)) Invalid("creationDate", $"'{created}' is not a date (YYYY-MM-DD)");
            if (Map(root, "latestRelease", "") is { } release)
            {
                if (Str(release, "date", "latestRelease") is { } day && !IsDay(day)) Invalid("latestRelease.date", $"'{day}' is not a date (YYYY-MM-DD)");
                Str(release, "version", "latestRelease");
                UnknownKeys(release, "latestRelease", ["date", "version"]);
            }
        }

        private void IsBasedOn(YamlMappingNode root)
        {
            var node = Child(root, "isBasedOn");
            if (node is null || node is YamlScalarNode s && IsNull(s)) return;
            if (node is YamlScalarNode one)
            {
                if (!IsUri(one.Value!)) Error("isBasedOn", $"'{one.Value}' is not a URL");
                return;
            }
            var list = StrList(root, "isBasedOn", "");
            for (var i = 0; i < list.Count; i++)
                if (list[i] is { } url && !IsUri(url)) Error($"isBasedOn[{i}]", $"'{url}' is not a URL");
        }

        private void UsedBy(YamlMappingNode root)
        {
            var node = Child(root, "usedBy");
            if (node is null || node is YamlScalarNode s && IsNull(s)) return;
            if (node is not YamlSequenceNode list)
            {
                Error("usedBy", "must be a list of names");
                return;
            }
            for (var i = 0; i < list.Children.Count; i++)
            {
                var at = $"usedBy[{i}]";
                // code.gouv.fr writes a user as {name, url} as well as by name.
                if (dialect && list.Children[i] is YamlMappingNode user)
                {
                    Str(user, "name", at, required: true);
                    Url(user, "url", at);
                    UnknownKeys(user, at, ["name", "url"]);
                }
                else if (list.Children[i] is not YamlScalarNode item || Text(item) is not { Length: > 0 }) Error(at, "must be a name (a string)");
            }
        }

        private void Organisations(YamlMappingNode root, string key)
        {
            var node = Child(root, key);
            if (node is null || node is YamlScalarNode s && IsNull(s)) return;
            if (node is not YamlSequenceNode list)
            {
                Error(key, "must be a list of organisations (each with uri and name)");
                return;
            }
            for (var i = 0; i < list.Children.Count; i++)
            {
                if (list.Children[i] is YamlMappingNode item) Organisation(item, $"{key}[{i}]");
                else Error($"{key}[{i}]", "must be an organisation (uri and name)");
            }
        }

        private void Organisation(YamlMappingNode organisation, string at)
        {
            // code.gouv.fr names a funder with a web page rather than a uri.
            if (dialect && Child(organisation, "uri") is null)
            {
                Str(organisation, "name", at, required: true);
                Url(organisation, "url", at);
                UnknownKeys(organisation, at, ["name", "url"]);
                return;
            }
            if (Str(organisation, "uri", at, required: true) is { } uri)
            {
                if (!IsUri(uri)) Error($"{at}.uri", $"'{uri}' is not a URI (a URL, or a URN such as urn:x-example:my-organisation)");
                else if (uri.StartsWith("urn:x-italian-pa:", StringComparison.Ordinal))
                {
                    if (!ItalianPaCode().IsMatch(uri["urn:x-italian-pa:".Length..]))
                        Error($"{at}.uri", $"'{uri}' is not an Italian public administration code (urn:x-italian-pa: and an IPA code of letters, digits and _)");
                    else Warn($"{at}.uri", "the IPA code was not checked against the Italian public administrations' index (not available offline)");
                }
            }
            Str(organisation, "name", at);
            UnknownKeys(organisation, at, ["uri", "name"]);
        }

        private void Supports(YamlMappingNode root)
        {
            var node = Child(root, "supports");
            if (node is null || node is YamlScalarNode s && IsNull(s)) return;
            if (node is not YamlSequenceNode list)
            {
                Error("supports", "must be a list of {id}");
                return;
            }
            for (var i = 0; i < list.Children.Count; i++)
            {
                var at = $"supports[{i}]";
                if (list.Children[i] is not YamlMappingNode item) { Error(at, "must be an object with an id"); continue; }
                if (Str(item, "id", at, required: true) is { } id)
                {
                    if (id.StartsWith("alias:", StringComparison.Ordinal))
                    {
                        if (!SupportAliases.Contains(id["alias:".Length..]))
                            Error($"{at}.id", $"'{id}' is not in the standard's list of aliases ({string.Join(", ", SupportAliases.Select(a => "alias:" + a))})");
                    }
                    else if (!IsUri(id)) Error($"{at}.id", $"'{id}' is neither alias:NAME nor a URI");
                }
                UnknownKeys(item, at, ["id"]);
            }
        }

        private void IntendedAudience(YamlMappingNode root)
        {
            if (Map(root, "intendedAudience", "") is not { } audience) return;
            foreach (var key in new[] { "countries", "unsupportedCountries" })
            {
                var list = StrList(audience, key, "intendedAudience");
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is not { } country) continue;
                    var at = $"intendedAudience.{key}[{i}]";
                    if (!IsCountry(country)) Error(at, $"'{country}' is not an ISO 3166-1 alpha-2 country code");
                    else if (country != country.ToUpperInvariant()) Warn(at, $"lowercase country codes are deprecated: write {country.ToUpperInvariant()}");
                }
            }
            Vocabulary(audience, "scope", "intendedAudience", "solution-scope");
            UnknownKeys(audience, "intendedAudience", ["countries", "unsupportedCountries", "scope"]);
        }

        private void Description(YamlMappingNode root)
        {
            var description = Map(root, "description", "", required: true);
            if (description is null) return;
            if (description.Children.Count == 0) { Missing("description", "must describe the software in at least one language"); return; }
            var hasLong = false;
            var hasFeatures = false;
            foreach (var (keyNode, value) in description.Children)
            {
                var language = (keyNode as YamlScalarNode)?.Value ?? "";
                var at = $"description.{language}";
                if (!IsLanguageTag(language)) { Error(at, $"'{language}' is not a BCP 47 language tag (such as en or en-GB)"); continue; }
                if (value is not YamlMappingNode text) { Error(at, "must be a mapping of the description's keys"); continue; }
                Str(text, "localisedName", at);
                if (Str(text, "genericName", at) is { } generic)
                {
                    Warn($"{at}.genericName", "is deprecated since 0.4");
                    if (Length(generic) > MaxGenericName) Error($"{at}.genericName", $"is {Length(generic)} characters long; at most {MaxGenericName}");
                }
                var shortDescription = Str(text, "shortDescription", at);
                if (shortDescription is null && Child(text, "shortDescription") is null or YamlScalarNode) Missing($"{at}.shortDescription");
                else if (shortDescription is not null && Length(shortDescription.TrimEnd()) > MaxShortDescription)
                    Error($"{at}.shortDescription", $"is {Length(shortDescription.TrimEnd())} characters long; at most {MaxShortDescription}");
                if (Str(text, "longDescription", at) is { } longDescription)
                {
                    hasLong = true;
                    var length = Length(longDescription.Trim());
                    if (length < MinLongDescription) Error($"{at}.longDescription", $"is {length} characters long; at least {MinLongDescription}");
                    if (length > MaxLongDescription) Error($"{at}.longDescription", $"is {length:N0} characters long; at most {MaxLongDescription:N0}");
                }
                Url(text, "documentation", at);
                Url(text, "apiDocumentation", at);
                var features = Child(text, "features");
                if (features is YamlSequenceNode { Children.Count: 0 }) Error($"{at}.features", "is empty: list at least one feature");
                else if (StrList(text, "features", at).Count > 0) hasFeatures = true;
                var screenshots = StrList(text, "screenshots", at);
                for (var i = 0; i < screenshots.Count; i++)
                    if (screenshots[i] is { } path) CheckFile(path, $"{at}.screenshots[{i}]", ScreenshotExtensions);
                var videos = StrList(text, "videos", at);
                for (var i = 0; i < videos.Count; i++)
                    if (videos[i] is { } video && !IsHttpUrl(video)) Error($"{at}.videos[{i}]", $"'{video}' is not an http(s) URL");
                StrList(text, "awards", at);
                UnknownKeys(text, at, ["localisedName", "genericName", "shortDescription", "longDescription", "documentation",
                    "apiDocumentation", "features", "screenshots", "videos", "awards"]);
                if (!hasLong && description.Children.Count == 1) Missing($"{at}.longDescription");
                if (!hasFeatures && description.Children.Count == 1 && features is null) Missing($"{at}.features");
            }
            if (description.Children.Count > 1 && !hasLong) Missing("description", "must have a longDescription in at least one language");
            if (description.Children.Count > 1 && !hasFeatures) Missing("description", "must list features in at least one language");
        }

        private void Legal(YamlMappingNode root)
        {
            var legal = Map(root, "legal", "", required: true);
            if (legal is null) return;
            if (Str(legal, "license", "legal", required: true) is { } license && Spdx.Check(license) is { } problem)
            {
                // code.gouv.fr writes "other" for a licence outside the list: not kept, not refused.
                if (dialect) Warn("legal.license", $"{problem}: not kept");
                else Error("legal.license", problem);
            }
            Str(legal, "mainCopyrightOwner", "legal");
            if (Str(legal, "repoOwner", "legal") is not null) Warn("legal.repoOwner", "is deprecated since 0.4 (use organisation.name)");
            if (Str(legal, "authorsFile", "legal") is { } authors)
            {
                Warn("legal.authorsFile", "is deprecated since 0.4");
                if (!IsHttpUrl(authors)) CheckFile(authors, "legal.authorsFile", null);
            }
            UnknownKeys(legal, "legal", ["license", "mainCopyrightOwner", "repoOwner", "authorsFile"]);
        }

        private void Maintenance(YamlMappingNode root)
        {
            var maintenance = Map(root, "maintenance", "", required: true);
            if (maintenance is null) return;
            var type = Enum(maintenance, "type", "maintenance", Vocabularies.Find("maintenance-type")!.Terms.Select(t => t.Code).ToList(), required: true);
            var contractors = Child(maintenance, "contractors");
            if (type == "contract" && contractors is null) Missing("maintenance.contractors", "is mandatory when maintenance.type is contract");
            if (type is not null and not "contract" && contractors is not null)
                Invalid("maintenance.contractors", $"must not be given when maintenance.type is {type} (only with contract)");
            if (contractors is YamlSequenceNode list)
                for (var i = 0; i < list.Children.Count; i++)
                {
                    var at = $"maintenance.contractors[{i}]";
                    if (list.Children[i] is not YamlMappingNode c) { Error(at, "must be a contractor (name, until, email, website)"); continue; }
                    Str(c, "name", at, required: true);
                    if (Str(c, "until", at, required: true) is { } until && !IsDay(until)) Error($"{at}.until", $"'{until}' is not a date (YYYY-MM-DD)");
                    if (Str(c, "email", at) is { } email && !Email().IsMatch(email)) Error($"{at}.email", $"'{email}' is not an e-mail address");
                    Url(c, "website", at);
                    UnknownKeys(c, at, ["name", "until", "email", "website"]);
                }
            else if (contractors is not null and not YamlScalarNode { Value: null or "" }) Error("maintenance.contractors", "must be a list of contractors");
            var contacts = Child(maintenance, "contacts");
            if (type is "internal" or "community" && contacts is null or YamlSequenceNode { Children.Count: 0 })
                Missing("maintenance.contacts", $"is mandatory when maintenance.type is {type}");
            if (contacts is YamlSequenceNode people)
                for (var i = 0; i < people.Children.Count; i++)
                {
                    var at = $"maintenance.contacts[{i}]";
                    if (people.Children[i] is not YamlMappingNode c) { Error(at, "must be a contact (name, email, phone, affiliation)"); continue; }
                    Str(c, "name", at, required: true);
                    if (Str(c, "email", at) is { } email && !Email().IsMatch(email)) Error($"{at}.email", $"'{email}' is not an e-mail address");
                    Str(c, "phone", at);
                    Str(c, "affiliation", at);
                    UnknownKeys(c, at, ["name", "email", "phone", "affiliation"]);
                }
            else if (contacts is not null and not YamlScalarNode { Value: null or "" }) Error("maintenance.contacts", "must be a list of contacts");
            UnknownKeys(maintenance, "maintenance", ["type", "contractors", "contacts"]);
        }

        private void Localisation(YamlMappingNode root)
        {
            var localisation = Map(root, "localisation", "", required: true);
            if (localisation is null) return;
            Bool(localisation, "localisationReady", "localisation", required: true);
            var languages = StrList(localisation, "availableLanguages", "localisation", required: true);
            if (languages.Count == 0 && Child(localisation, "availableLanguages") is YamlSequenceNode)
                Missing("localisation.availableLanguages", "must name at least one language");
            for (var i = 0; i < languages.Count; i++)
                if (languages[i] is { } tag && !IsLanguageTag(tag)) Error($"localisation.availableLanguages[{i}]", $"'{tag}' is not a BCP 47 language tag");
            UnknownKeys(localisation, "localisation", ["localisationReady", "availableLanguages"]);
        }

        private void DependsOn(YamlMappingNode root)
        {
            if (Map(root, "dependsOn", "") is not { } dependsOn) return;
            foreach (var kind in SolutionRules.DependencyKinds)
            {
                var node = Child(dependsOn, kind);
                if (node is null || node is YamlScalarNode s && IsNull(s)) continue;
                if (node is not YamlSequenceNode list) { Error($"dependsOn.{kind}", "must be a list of dependencies"); continue; }
                for (var i = 0; i < list.Children.Count; i++)
                {
                    var at = $"dependsOn.{kind}[{i}]";
                    if (list.Children[i] is not YamlMappingNode d) { Error(at, "must be a dependency (name, version, versionMin, versionMax, optional)"); continue; }
                    Str(d, "name", at, required: true);
                    Str(d, "version", at);
                    Str(d, "versionMin", at);
                    Str(d, "versionMax", at);
                    Bool(d, "optional", at);
                    UnknownKeys(d, at, ["name", "version", "versionMin", "versionMax", "optional"]);
                }
            }
            UnknownKeys(dependsOn, "dependsOn", SolutionRules.DependencyKinds);
        }

        // The Italian section, deprecated by 0.7 (country sections are): checked so that a file that has one is still right.
        private void CountrySections(YamlMappingNode root)
        {
            var lower = Child(root, "it");
            var upper = Child(root, "IT");
            if (lower is not null && upper is not null) { Error("it", "'it' (deprecated) and 'IT' cannot both be given"); return; }
            if (lower is null && upper is null) return;
            var key = lower is not null ? "it" : "IT";
            Warn(key, lower is not null ? "the lowercase 'it' section is deprecated (and country sections are, since 0.7)" : "country sections are deprecated since 0.7");
            if (Map(root, key, "") is not { } it) return;
            if (Str(it, "countryExtensionVersion", key) is { } version && !ItalianVersions.Contains(version))
                Error($"{key}.countryExtensionVersion", $"'{version}' is not a version of the Italian section ({string.Join(", ", ItalianVersions)})");
            if (Map(it, "conforme", key) is { } conforme)
            {
                Warn($"{key}.conforme", "is deprecated");
                foreach (var flag in new[] { "lineeGuidaDesign", "modelloInteroperabilita", "misureMinimeSicurezza", "gdpr" }) Bool(conforme, flag, $"{key}.conforme");
                UnknownKeys(conforme, $"{key}.conforme", ["lineeGuidaDesign", "modelloInteroperabilita", "misureMinimeSicurezza", "gdpr"]);
            }
            if (Map(it, "riuso", key) is { } riuso)
            {
                if (Str(riuso, "codiceIPA", $"{key}.riuso") is { } code)
                {
                    if (!ItalianPaCode().IsMatch(code)) Error($"{key}.riuso.codiceIPA", $"'{code}' is not an IPA code (letters, digits and _)");
                    else Warn($"{key}.riuso.codiceIPA", "deprecated (use organisation.uri); the code was not checked against the IPA index (not available offline)");
                }
                UnknownKeys(riuso, $"{key}.riuso", ["codiceIPA"]);
            }
            if (Map(it, "piattaforme", key) is { } platforms)
            {
                foreach (var flag in new[] { "spid", "cie", "anpr", "pagopa", "io" }) Bool(platforms, flag, $"{key}.piattaforme");
                UnknownKeys(platforms, $"{key}.piattaforme", ["spid", "cie", "anpr", "pagopa", "io"]);
            }
            UnknownKeys(it, key, ["countryExtensionVersion", "conforme", "riuso", "piattaforme"]);
        }

        private void FilePath(YamlMappingNode map, string key, string parent, string[] extensions)
        {
            if (Str(map, key, parent) is { } path) CheckFile(path, Join(parent, key), extensions);
        }

        // A relative path in the repository, or an http(s) URL of a file in it; never an absolute path or a file: URL.
        private void CheckFile(string path, string at, string[]? extensions)
        {
            var isUrl = Uri.TryCreate(path, UriKind.Absolute, out var uri) && !path.StartsWith('/');
            if (isUrl && uri!.Scheme is not ("http" or "https") || path.StartsWith('/') || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            {
                Error(at, $"'{path}' must be a path relative to the repository's root or an http(s) URL");
                return;
            }
            var extension = Path.GetExtension(isUrl ? uri!.AbsolutePath : path).ToLowerInvariant();
            if (extensions is not null && isUrl && extension.Length == 0)
            {
                Warn(at, $"'{path}' does not say its format; the standard allows {string.Join(", ", extensions.Select(e => e[1..]))}");
                return;
            }
            if (extensions is not null && !extensions.Contains(extension))
            {
                Error(at, $"'{path}' is not one of the formats the standard allows here ({string.Join(", ", extensions.Select(e => e[1..]))})");
                return;
            }
            if (isUrl) return; // whether it answers needs the network
            if (options.BaseDirectory is null)
            {
                Warn(at, $"'{path}' is a path in the software's repository, which was not available to check");
                return;
            }
            var full = Path.GetFullPath(Path.Combine(options.BaseDirectory, path));
            if (!full.StartsWith(Path.GetFullPath(options.BaseDirectory), StringComparison.Ordinal)) Error(at, $"'{path}' leaves the repository");
            else if (!File.Exists(full)) Error(at, $"'{path}' is not a file in the repository");
            else if (extension == ".png" && !IsPng(full)) Error(at, $"'{path}' is not a PNG image");
        }

        private static bool IsPng(string path)
        {
            using var file = File.OpenRead(path);
            Span<byte> head = stackalloc byte[8];
            return file.Read(head) == 8 && head.SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        }

        private void Vocabulary(YamlMappingNode map, string key, string parent, string vocabulary)
        {
            var codes = Vocabularies.Find(vocabulary)!.Terms.Select(t => t.Code).ToHashSet();
            var list = StrList(map, key, parent);
            for (var i = 0; i < list.Count; i++)
                if (list[i] is { } code && !codes.Contains(code))
                    Error($"{Join(parent, key)}[{i}]", $"'{code}' is not in the standard's {(vocabulary == "solution-scope" ? "scope" : "categories")} list");
        }

        private string? Enum(YamlMappingNode map, string key, string parent, IReadOnlyList<string> values, bool required = false)
        {
            var value = Str(map, key, parent, required);
            if (value is null || values.Contains(value)) return value;
            // code.gouv.fr's dialect writes its own words here ("R package"): kept out of the record, not refused.
            if (dialect) { Warn(Join(parent, key), $"'{value}' is not one of {string.Join(", ", values)}: not kept"); return null; }
            Error(Join(parent, key), $"'{value}' is not one of {string.Join(", ", values)}");
            return null;
        }

        private void Url(YamlMappingNode map, string key, string parent, bool required = false, bool http = true)
        {
            if (Str(map, key, parent, required) is not { } url) return;
            if (http ? !IsHttpUrl(url) : !IsUri(url) || !url.Contains("://", StringComparison.Ordinal) && !url.StartsWith("git@", StringComparison.Ordinal))
                Error(Join(parent, key), $"'{url}' is not {(http ? "an http(s)" : "a")} URL");
        }

        private YamlMappingNode? Map(YamlMappingNode map, string key, string parent, bool required = false)
        {
            var node = Child(map, key);
            if (node is null || node is YamlScalarNode s && IsNull(s))
            {
                if (required) Missing(Join(parent, key));
                return null;
            }
            if (node is YamlMappingNode m) return m;
            Error(Join(parent, key), "must be a mapping of keys");
            return null;
        }

        /// <summary>A string value: any non-null scalar (YAML reads 1.0 and 2017-04-15 as text here); blank counts as missing.</summary>
        private string? Str(YamlMappingNode map, string key, string parent, bool required = false)
        {
            var node = Child(map, key);
            var at = Join(parent, key);
            if (node is YamlScalarNode scalar && !IsNull(scalar))
            {
                if (scalar.Value!.Trim().Length > 0) return scalar.Value;
                if (!dialect) { Error(at, "is empty"); return null; }
            }
            else if (node is not null and not YamlScalarNode)
            {
                Error(at, "must be a string");
                return null;
            }
            if (required) Missing(at);
            return null;
        }

        private void Bool(YamlMappingNode map, string key, string parent, bool required = false)
        {
            var node = Child(map, key);
            var at = Join(parent, key);
            if (node is null || node is YamlScalarNode n && IsNull(n))
            {
                if (required) Missing(at);
                return;
            }
            if (node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s && s.Value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE") return;
            Error(at, node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "yes" or "no" or "on" or "off" or "y" or "n" or "Yes" or "No" or "On" or "Off" }
                ? $"must be true or false ('{((YamlScalarNode)node).Value}' is a YAML 1.1 boolean; the standard reads YAML 1.2, where it is a string)"
                : "must be true or false");
        }

        /// <summary>A list of strings; each item's index is null where it is not one (reported).</summary>
        private List<string?> StrList(YamlMappingNode map, string key, string parent, bool required = false)
        {
            var node = Child(map, key);
            var at = Join(parent, key);
            if (node is null || node is YamlScalarNode n && IsNull(n))
            {
                if (required) Missing(at);
                return [];
            }
            if (node is not YamlSequenceNode list)
            {
                Error(at, "must be a list");
                return [];
            }
            var result = new List<string?>();
            for (var i = 0; i < list.Children.Count; i++)
            {
                var text = Text(list.Children[i]);
                if (dialect && list.Children[i] is YamlScalarNode && string.IsNullOrWhiteSpace(text)) text = null; // code.gouv.fr's template leaves items blank
                else if (list.Children[i] is not YamlScalarNode || text is null) Error($"{at}[{i}]", "must be a string");
                result.Add(text);
            }
            return result;
        }

        private void UnknownKeys(YamlMappingNode map, string parent, IReadOnlyCollection<string> known)
        {
            foreach (var key in map.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? key.ToString();
                if (known.Contains(name)) continue;
                // code.gouv.fr's files carry keys of their own (packages, fr): read past, not refused.
                if (dialect) Warn(Join(parent, name), "is not a key of the standard or of code.gouv.fr's dialect: not kept");
                else Error(Join(parent, name), "is not a key of the standard");
            }
        }


        private static string Join(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_]{1,20}$")]
    private static partial Regex ItalianPaCode();
}
