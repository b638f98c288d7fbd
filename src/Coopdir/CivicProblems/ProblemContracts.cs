using System.ComponentModel;
using System.Globalization;
using Coopdir.Core.Areas;
using Coopdir.Core.CivicProblems;
using Coopdir.Core.Organizations;
using Microsoft.AspNetCore.Mvc;

namespace Coopdir.CivicProblems;

/// <summary>A problem to post. <c>area</c> is an Open Civic Data division id; <c>category</c> a code of the solution-category vocabulary.</summary>
public sealed record PostProblemRequest(long? OrganizationId, string? Title, string? Description, string? Area, string? Category,
    decimal? BountyAmount, string? BountyCurrency, long? BountyCurrencyId, string? Deadline)
{
    public ProblemDraft ToDraft() => new(OrganizationId, Title, Description, Area, Category, BountyAmount, BountyCurrency, BountyCurrencyId, Deadline);
}

/// <summary>A proposal; <c>organization_id</c> only when responding for an organization whose verified claimer you are.</summary>
public sealed record RespondRequest(long? OrganizationId, string? Text, IReadOnlyList<string>? Links);

public sealed record AcceptRequest(long? ResponseId);

public sealed record SolveRequest(long? SolutionId);

public sealed record ProblemListResponse(IReadOnlyList<ProblemRecord> Problems, int Total, int Page, int PageSize);

/// <summary>A change that waits for a reviewer: the problem as it stands, and why it waits.</summary>
public sealed record QueuedResponse(ProblemRecord Problem, long? ResponseId, string Detail);

public sealed record ProblemRevisionResponse(int Revision, string Action, string Author, string Summary, DateTimeOffset At,
    System.Text.Json.JsonElement? Before, System.Text.Json.JsonElement After);

/// <summary>The list's, the feed's and the downloads' filters, as they arrive; <see cref="Parse"/> checks them all.</summary>
public sealed record ProblemListRequest(
    [property: FromQuery(Name = "area"), Description("An Open Civic Data division id: problems in it or anywhere within it")] string? Area,
    [property: FromQuery(Name = "category"), Description("A code of the solution-category vocabulary")] string? Category,
    [property: FromQuery(Name = "status"), Description("open, in_progress, solved or closed")] string? Status,
    [property: FromQuery(Name = "page"), Description("1 or more (default 1)")] string? Page,
    [property: FromQuery(Name = "page_size"), Description("1 to 100 (default 20)")] string? PageSize)
{
    public const int MaxPageSize = 100, DefaultPageSize = 20, MaxPage = 10_000;

    public (ProblemFilter Filter, int Page, int PageSize, IReadOnlyList<FieldError> Errors) Parse(AreaGazetteer gazetteer, string? defaultStatus = null)
    {
        var errors = new List<FieldError>();
        Area? area = null;
        if (!string.IsNullOrWhiteSpace(Area) && (area = gazetteer.Find(Area.Trim())) is null)
            errors.Add(new("area", $"there is no area '{ProblemInput.Short(Area)}'"));
        var category = string.IsNullOrWhiteSpace(Category) ? null : Vocabularies.SolutionCategory.Find(Category.Trim())?.Code;
        if (!string.IsNullOrWhiteSpace(Category) && category is null)
            errors.Add(new("category", $"'{ProblemInput.Short(Category)}' is not in the solution-category vocabulary"));
        var status = string.IsNullOrWhiteSpace(Status) ? defaultStatus : Status.Trim();
        if (status is not null && !ProblemStatus.All.Contains(status))
            errors.Add(new("status", $"'{ProblemInput.Short(status)}' is not one of {string.Join(", ", ProblemStatus.All)}"));
        var page = Number("page", Page, 1, MaxPage, 1, errors);
        var size = Number("page_size", PageSize, 1, MaxPageSize, DefaultPageSize, errors);
        return (new ProblemFilter(area, category, status), page, size, errors);
    }

    private static int Number(string field, string? text, int min, int max, int fallback, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        errors.Add(new(field, $"must be a whole number from {min} to {max:N0}"));
        return fallback;
    }

    /// <summary>The filters as a query string, for links to the feed, the downloads and other pages.</summary>
    public string Query(int? page = null) => string.Join("&", new[]
    {
        ("area", Area), ("category", Category), ("status", Status), ("page", page?.ToString(CultureInfo.InvariantCulture)),
    }.Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!.Trim())}"));
}
