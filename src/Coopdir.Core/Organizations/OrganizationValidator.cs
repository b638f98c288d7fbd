using System.Globalization;
using System.Text.RegularExpressions;
using Coopdir.Core.Currencies;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Organizations;

/// <summary>One thing wrong with one field, e.g. ("locations[0].latitude", "must be between -90 and 90").</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The rules every organization obeys, whoever writes it.</summary>
public static partial class OrganizationValidator
{
    public const int MaxNameLength = 300;
    public const int MaxDescriptionLength = 20_000;
    public const int MaxLanguageTagLength = 35;

    public static IReadOnlyList<FieldError> Validate(OrganizationContent c)
    {
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));

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
        if (c.Email is not null && !EmailPattern().IsMatch(c.Email)) Add("email", $"'{c.Email}' is not an email address");
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
        foreach (var (field, text) in Texts(c))
        {
            if (PlainText.Problem(text) is { } problem) Add(field, problem);
        }
        return errors;
    }

    // Every free-text value of the record, with its field's name.
    private static IEnumerable<(string Field, string? Text)> Texts(OrganizationContent c)
    {
        yield return ("name", c.Name);
        for (var i = 0; i < c.AlternateNames.Count; i++) yield return ($"alternate_names[{i}]", c.AlternateNames[i]);
        yield return ("description", c.Description);
        for (var i = 0; i < c.DescriptionsByLanguage.Count; i++) yield return ($"descriptions_by_language[{i}].text", c.DescriptionsByLanguage[i].Text);
        yield return ("website", c.Website);
        yield return ("email", c.Email);
        yield return ("phone", c.Phone);
        for (var i = 0; i < c.Locations.Count; i++)
        {
            var l = c.Locations[i];
            yield return ($"locations[{i}].street", l.Street);
            yield return ($"locations[{i}].locality", l.Locality);
            yield return ($"locations[{i}].region", l.Region);
            yield return ($"locations[{i}].postcode", l.Postcode);
        }
        for (var i = 0; i < c.Identifiers.Count; i++)
        {
            yield return ($"identifiers[{i}].scheme", c.Identifiers[i].Scheme);
            yield return ($"identifiers[{i}].value", c.Identifiers[i].Value);
        }
        for (var i = 0; i < c.Classifications.Count; i++)
        {
            yield return ($"classifications[{i}].scheme", c.Classifications[i].Scheme);
            yield return ($"classifications[{i}].code", c.Classifications[i].Code);
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

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9 ()./\-]{3,40}([ ]?(ext|x)\.? ?[0-9]{1,6})?$", RegexOptions.IgnoreCase)]
    private static partial Regex PhonePattern();
}
