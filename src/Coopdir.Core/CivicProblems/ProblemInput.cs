using System.Globalization;
using Coopdir.Core.Areas;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.CivicProblems;

/// <summary>A problem as a poster sends it (API or form), before it is checked.</summary>
public sealed record ProblemDraft(
    long? OrganizationId, string? Title, string? Description, string? AreaId, string? Category,
    decimal? BountyAmount, string? BountyCurrency, long? BountyCurrencyId, string? Deadline);

/// <summary>A proposal as a responder sends it.</summary>
public sealed record ResponseDraft(long? OrganizationId, string? Text, IReadOnlyList<string>? Links);

/// <summary>
/// The limits of every field and list, and the checks that need no database: each wrong field is named,
/// and nothing is written while any is wrong.
/// </summary>
public static class ProblemInput
{
    public const int MaxTitleLength = Input.InputLimits.ProblemTitle;
    public const int MaxDescriptionLength = Input.InputLimits.ProblemDescription;
    public const int MaxResponseLength = Input.InputLimits.ProblemResponse;
    public const int MaxLinks = Input.InputLimits.ProblemLinks;
    public const int MaxLinkLength = Input.InputLimits.ProblemLink;
    public const int MaxBountyDecimals = 2;
    public const decimal MinBounty = 0.01m;
    public const decimal MaxBounty = 1_000_000_000m;
    public const int MaxDeadlineYears = 10;
    /// <summary>The largest request body, JSON or form: 10,000 characters of text can take 40 KB as UTF-8, more once escaped.</summary>
    public const int MaxBodyBytes = Input.InputLimits.SmallBodyBytes;

    private static readonly Lazy<HashSet<string>> CurrencyCodes = new(() => CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
        .OfType<string>().Where(code => code.Length == 3).ToHashSet(StringComparer.Ordinal));

    /// <summary>Whether a code is an ISO 4217 currency in use (as .NET's regions know them).</summary>
    public static bool IsCurrencyCode(string code) => CurrencyCodes.Value.Contains(code);

    public static IReadOnlyList<FieldError> Check(ProblemDraft d, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (d.OrganizationId is null) errors.Add(new("organization_id", "is required: the municipality or digital service team posting the problem"));
        Text("title", d.Title, MaxTitleLength, errors, "say in a line what needs solving");
        Text("description", d.Description, MaxDescriptionLength, errors, "describe the problem");
        if (string.IsNullOrWhiteSpace(d.AreaId)) errors.Add(new("area", "is required: the place the problem is in"));
        else if (!Area.IsDivisionId(d.AreaId.Trim())) errors.Add(new("area", $"'{Short(d.AreaId)}' is not an Open Civic Data division id (ocd-division/country:…)"));
        if (string.IsNullOrWhiteSpace(d.Category)) errors.Add(new("category", "is required: a code of the solution-category vocabulary"));
        else if (Vocabularies.SolutionCategory.Find(d.Category.Trim()) is null)
            errors.Add(new("category", $"'{Short(d.Category)}' is not in the solution-category vocabulary (see /vocabularies/solution-category)"));
        Bounty(d, errors);
        if (!string.IsNullOrWhiteSpace(d.Deadline))
        {
            if (!DateOnly.TryParseExact(d.Deadline.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var deadline))
                errors.Add(new("deadline", $"'{Short(d.Deadline)}' is not a date (yyyy-mm-dd)"));
            else if (deadline < today) errors.Add(new("deadline", $"{deadline:yyyy-MM-dd} has passed"));
            else if (deadline > today.AddYears(MaxDeadlineYears)) errors.Add(new("deadline", $"is more than {MaxDeadlineYears} years away"));
        }
        return errors;
    }

    private static void Bounty(ProblemDraft d, List<FieldError> errors)
    {
        var currency = string.IsNullOrWhiteSpace(d.BountyCurrency) ? null : d.BountyCurrency.Trim();
        if (d.BountyAmount is null)
        {
            if (currency is not null || d.BountyCurrencyId is not null) errors.Add(new("bounty_amount", "is required when a bounty currency is given"));
            return;
        }
        var amount = d.BountyAmount.Value;
        if (amount < MinBounty || amount > MaxBounty)
            errors.Add(new("bounty_amount", $"must be from {MinBounty.ToString(CultureInfo.InvariantCulture)} to {MaxBounty.ToString("N0", CultureInfo.InvariantCulture)}"));
        else if (decimal.Round(amount, MaxBountyDecimals) != amount) errors.Add(new("bounty_amount", $"has more than {MaxBountyDecimals} decimal places"));
        if (currency is null && d.BountyCurrencyId is null)
            errors.Add(new("bounty_currency", "is required with a bounty: an ISO 4217 code (EUR) or a community currency of the directory"));
        else if (currency is not null && d.BountyCurrencyId is not null)
            errors.Add(new("bounty_currency", "give either an ISO 4217 code or a community currency (bounty_currency_id), not both"));
        else if (currency is not null && !IsCurrencyCode(currency))
            errors.Add(new("bounty_currency", $"'{Short(currency)}' is not an ISO 4217 currency code (three capital letters, such as EUR)"));
    }

    public static IReadOnlyList<FieldError> Check(ResponseDraft d)
    {
        var errors = new List<FieldError>();
        Text("text", d.Text, MaxResponseLength, errors, "say what you propose");
        var links = d.Links ?? [];
        if (links.Count > MaxLinks) errors.Add(new("links", $"has {links.Count} links; at most {MaxLinks}"));
        for (var i = 0; i < Math.Min(links.Count, MaxLinks); i++)
        {
            var link = links[i]?.Trim() ?? "";
            if (link.Length > MaxLinkLength) errors.Add(new($"links[{i}]", $"is longer than {MaxLinkLength} characters"));
            else if (!OrganizationValidator.IsWebUrl(link)) errors.Add(new($"links[{i}]", $"'{Short(link)}' is not an http or https address"));
        }
        return errors;
    }

    /// <summary>A required plain text: trimmed, not empty, within its limit, no control characters.</summary>
    public static void Text(string field, string? value, int max, List<FieldError> errors, string what)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new(field, $"is required: {what}"));
        else if (value.Trim().Length > max) errors.Add(new(field, $"is longer than {max:N0} characters ({value.Trim().Length:N0})"));
        else if (PlainText.Problem(value) is { } problem) errors.Add(new(field, problem));
    }

    public static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
