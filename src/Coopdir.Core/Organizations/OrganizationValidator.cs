using System.Globalization;
using System.Text.RegularExpressions;
using Coopdir.Core.Currencies;
using Coopdir.Core.Input;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Organizations;

/// <summary>One thing wrong with one field, e.g. ("locations[0].latitude", "must be between -90 and 90").</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The rules every organization obeys, whoever writes it.</summary>
public static partial class OrganizationValidator
{
    public const int MaxNameLength = InputLimits.Name;
    public const int MaxDescriptionLength = InputLimits.Description;
    public const int MaxLanguageTagLength = InputLimits.LanguageTag;

    public static IReadOnlyList<FieldError> Validate(OrganizationContent c)
    {
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));

        CheckCount("alternate_names", c.AlternateNames.Count, InputLimits.AlternateNames, Add);
        CheckCount("types", c.Types.Count, InputLimits.Types, Add);
        CheckCount("descriptions_by_language", c.DescriptionsByLanguage.Count, InputLimits.DescriptionsByLanguage, Add);
        CheckCount("locations", c.Locations.Count, InputLimits.Locations, Add);
        CheckCount("identifiers", c.Identifiers.Count, InputLimits.Identifiers, Add);
        CheckCount("classifications", c.Classifications.Count, InputLimits.Classifications, Add);
        CheckCount("relationships", c.Relationships.Count, InputLimits.Relationships, Add);
        // A list over its cap is refused whole, before each of its thousands of items is checked one by one.
        if (errors.Count > 0) return errors;

        if (string.IsNullOrWhiteSpace(c.Name)) Add("name", "is required");
        else if (c.Name.Length > MaxNameLength) Add("name", $"is longer than {MaxNameLength} characters");
        for (var i = 0; i < c.AlternateNames.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(c.AlternateNames[i])) Add($"alternate_names[{i}]", "is empty");
            else if (c.AlternateNames[i].Length > MaxNameLength) Add($"alternate_names[{i}]", $"is longer than {MaxNameLength} characters");
        }

        CheckTerm(Vocabularies.Kind, c.Kind, "kind", Add);
        foreach (var type in c.Types) CheckTerm(Vocabularies.Type, type, "types", Add);
        if (c.Sector is not null) CheckTerm(Vocabularies.Sector, c.Sector, "sector", Add);
        if (!OrganizationStatus.All.Contains(c.Status))
            Add("status", $"'{c.Status}' is not one of {string.Join(", ", OrganizationStatus.All)}");

        if (c.Description is { Length: > MaxDescriptionLength })
            Add("description", $"is longer than {MaxDescriptionLength} characters");
        for (var i = 0; i < c.DescriptionsByLanguage.Count; i++)
        {
            var (language, text) = c.DescriptionsByLanguage[i];
            var at = $"descriptions_by_language[{i}]";
            if (!IsLanguageTag(language)) Add($"{at}.language", $"'{language}' is not a language tag (BCP 47, such as de or pt-BR)");
            else if (c.DescriptionsByLanguage.Take(i).Any(d => string.Equals(d.Language, language, StringComparison.OrdinalIgnoreCase)))
                Add($"{at}.language", $"repeats the language {language}");
            if (string.IsNullOrWhiteSpace(text)) Add($"{at}.text", "is empty");
            else if (text.Length > MaxDescriptionLength) Add($"{at}.text", $"is longer than {MaxDescriptionLength} characters");
        }
        CheckDate(c.FoundedOn, "founded_on", Add);
        CheckDate(c.DissolvedOn, "dissolved_on", Add);
        if (EndsBefore(c.FoundedOn, c.DissolvedOn))
            Add("dissolved_on", $"{c.DissolvedOn} is before the founding date {c.FoundedOn}");

        if (c.Website is not null && !IsWebUrl(c.Website)) Add("website", $"'{c.Website}' is not an absolute http(s) URL");
        if (c.Email is not null && c.Email.Length <= InputLimits.Email && !EmailAddress.IsShaped(c.Email)) Add("email", $"'{c.Email}' is not an email address");
        if (c.Phone is not null && !PhonePattern().IsMatch(c.Phone)) Add("phone", $"'{c.Phone}' is not a phone number");

        if (c.Counts is { } counts)
        {
            if (counts.Members < 0) Add("counts.members", "cannot be negative");
            if (counts.Workers < 0) Add("counts.workers", "cannot be negative");
            if (counts.Employees < 0) Add("counts.employees", "cannot be negative");
            if (counts.Year is < 1800 or > 2200) Add("counts.year", $"{counts.Year} is not a plausible year");
        }

        for (var i = 0; i < c.Locations.Count; i++) ValidateLocation(c.Locations[i], $"locations[{i}]", Add);

        for (var i = 0; i < c.Identifiers.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(c.Identifiers[i].Scheme)) Add($"identifiers[{i}].scheme", "is required");
            if (string.IsNullOrWhiteSpace(c.Identifiers[i].Value)) Add($"identifiers[{i}].value", "is required");
        }
        CurrencyFacets.Check(c, Add);
        Solutions.SolutionRules.Check(c, Add);
        for (var i = 0; i < c.Relationships.Count; i++) RelationshipRules.Check(c.Relationships[i], $"relationships[{i}]", Add);
        foreach (var twice in c.Relationships.GroupBy(r => (r.Type, r.ObjectId)).Where(g => g.Count() > 1))
            Add($"relationships[{c.Relationships.ToList().IndexOf(twice.Last())}]", $"repeats the {twice.Key.Type} relationship with organization {twice.Key.ObjectId}");
        foreach (var (field, text, cap, kind) in Texts(c))
        {
            if (text is null) continue;
            if (text.Length > cap && !errors.Any(e => e.Field == field)) Add(field, $"is longer than {cap:N0} characters");
            else if ((kind switch { Line.Identity => PlainText.IdentityProblem(text), Line.One => PlainText.Problem(text, multiLine: false), _ => PlainText.Problem(text) }) is { } problem)
                Add(field, problem);
        }
        return errors;
    }

    /// <summary>The record with every free text in Unicode normalisation form C: what the writer stores and compares.</summary>
    public static OrganizationContent Normalized(OrganizationContent c)
    {
        static string? N(string? text) => PlainText.Nfc(text);
        return c with
        {
            Name = N(c.Name)!,
            AlternateNames = [.. c.AlternateNames.Select(n => N(n)!)],
            Description = N(c.Description),
            DescriptionsByLanguage = [.. c.DescriptionsByLanguage.Select(d => d with { Text = N(d.Text)! })],
            Website = N(c.Website),
            Email = c.Email is null ? null : N(c.Email.Trim()),
            Phone = N(c.Phone),
            Locations = [.. c.Locations.Select(l => l with { Street = N(l.Street), Locality = N(l.Locality), Region = N(l.Region), Postcode = N(l.Postcode) })],
            Identifiers = [.. c.Identifiers.Select(i => i with { Scheme = N(i.Scheme)!, Value = N(i.Value)! })],
        };
    }

    private enum Line { Many, One, Identity }

    private static void CheckCount(string field, int count, int cap, Action<string, string> add)
    {
        if (count > cap) add(field, $"has {count:N0} items; at most {cap:N0} are allowed");
    }

    // Every free-text value of the record, with its field's name, its length cap and whether it may hold several lines.
    private static IEnumerable<(string Field, string? Text, int Cap, Line Kind)> Texts(OrganizationContent c)
    {
        yield return ("name", c.Name, InputLimits.Name, Line.Identity);
        for (var i = 0; i < c.AlternateNames.Count; i++) yield return ($"alternate_names[{i}]", c.AlternateNames[i], InputLimits.Name, Line.Identity);
        yield return ("description", c.Description, InputLimits.Description, Line.Many);
        for (var i = 0; i < c.DescriptionsByLanguage.Count; i++) yield return ($"descriptions_by_language[{i}].text", c.DescriptionsByLanguage[i].Text, InputLimits.Description, Line.Many);
        yield return ("website", c.Website, InputLimits.Url, Line.One);
        yield return ("email", c.Email, InputLimits.Email, Line.Identity);
        yield return ("phone", c.Phone, InputLimits.Phone, Line.One);
        for (var i = 0; i < c.Locations.Count; i++)
        {
            var l = c.Locations[i];
            yield return ($"locations[{i}].street", l.Street, InputLimits.Street, Line.Many);
            yield return ($"locations[{i}].locality", l.Locality, InputLimits.Place, Line.One);
            yield return ($"locations[{i}].region", l.Region, InputLimits.Place, Line.One);
            yield return ($"locations[{i}].postcode", l.Postcode, InputLimits.Postcode, Line.One);
        }
        for (var i = 0; i < c.Identifiers.Count; i++)
        {
            yield return ($"identifiers[{i}].scheme", c.Identifiers[i].Scheme, InputLimits.IdentifierScheme, Line.One);
            yield return ($"identifiers[{i}].value", c.Identifiers[i].Value, InputLimits.IdentifierValue, Line.One);
        }
        for (var i = 0; i < c.Classifications.Count; i++)
        {
            yield return ($"classifications[{i}].scheme", c.Classifications[i].Scheme, InputLimits.IdentifierScheme, Line.One);
            yield return ($"classifications[{i}].code", c.Classifications[i].Code, InputLimits.ClassificationCode, Line.One);
        }
    }

    public static void ValidateLocation(Location l, string prefix, Action<string, string> add)
    {
        if (l.Country is not null && (l.Country.Length != 2 || !Countries.IsKnown(l.Country) || l.Country != l.Country.ToUpperInvariant()))
            add($"{prefix}.country", $"'{l.Country}' is not an ISO 3166-1 alpha-2 country code");
        if (l.Latitude is null != l.Longitude is null)
            add(l.Latitude is null ? $"{prefix}.latitude" : $"{prefix}.longitude", "latitude and longitude must be given together");
        if (l.Latitude is < -90 or > 90 || l.Latitude is double.NaN) add($"{prefix}.latitude", $"{l.Latitude} is not between -90 and 90");
        if (l.Longitude is < -180 or > 180 || l.Longitude is double.NaN) add($"{prefix}.longitude", $"{l.Longitude} is not between -180 and 180");
    }

    public static bool IsWebUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    /// <summary>The shape of a BCP 47 tag: a 2–3 letter language, then subtags of 1–8 letters or digits.</summary>
    public static bool IsLanguageTag(string? value) => value is { Length: <= MaxLanguageTagLength } && LanguageTagPattern().IsMatch(value);

    /// <summary>ISO 8601 calendar dates, allowing a year or a year and month alone.</summary>
    public static bool IsDate(string value) =>
        DateOnly.TryParseExact(value, ["yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        || DateOnly.TryParseExact(value + "-01", ["yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && value.Length == 7
        || value.Length == 4 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    /// <summary>Whether <paramref name="end"/> falls before <paramref name="start"/>, both (possibly partial) dates; an end in the start's year or month does not.</summary>
    internal static bool EndsBefore(string? start, string? end) =>
        start is not null && end is not null && IsDate(start) && IsDate(end)
        && string.CompareOrdinal(end, start[..Math.Min(start.Length, end.Length)]) < 0;

    internal static void CheckDate(string? value, string field, Action<string, string> add)
    {
        if (value is not null && !IsDate(value)) add(field, $"'{value}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
    }

    private static void CheckTerm(Vocabulary vocabulary, string? code, string field, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(code)) add(field, "is required");
        else if (vocabulary.Find(code) is null || vocabulary.Find(code)!.Code != code)
            add(field, $"'{code}' is not in the {vocabulary.Name} vocabulary ({string.Join(", ", vocabulary.Terms.Select(t => t.Code))})");
    }

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTagPattern();


    [GeneratedRegex(@"^\+?[0-9 ()./\-]{3,40}([ ]?(ext|x)\.? ?[0-9]{1,6})?$", RegexOptions.IgnoreCase)]
    private static partial Regex PhonePattern();
}
