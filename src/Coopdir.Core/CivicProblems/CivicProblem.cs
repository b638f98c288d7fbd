namespace Coopdir.Core.CivicProblems;

/// <summary>
/// A problem a municipality or digital service team posts for co-ops and civic tech groups to solve, with
/// the proposals that answer it. Only <see cref="Moderation.Published"/> problems and responses are public.
/// </summary>
/// <param name="OrganizationId">The posting organization (the poster): its verified claimers accept and solve.</param>
/// <param name="AreaId">An Open Civic Data division id; <paramref name="AreaName"/> its name while the area is loaded.</param>
/// <param name="Category">A code of the <c>solution-category</c> vocabulary (the publiccode.yml categories).</param>
/// <param name="Deadline">A date, yyyy-MM-dd.</param>
public sealed record CivicProblem(
    long Id, long OrganizationId, string OrganizationName, string Title, string Description, string AreaId, string? AreaName,
    string Category, Bounty? Bounty, string? Deadline, string Status, long? AcceptedResponseId, long? SolutionId, string? SolutionName,
    string Moderation, string? HeldBecause, int Revision, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<ProblemResponse> Responses)
{
    public bool IsPublished => Moderation == CivicProblems.Moderation.Published;

    public ProblemResponse? AcceptedResponse => Responses.FirstOrDefault(r => r.Id == AcceptedResponseId);
}

/// <summary>What the poster offers for a solution. Money does not move through Coopdir: this only says what is offered.</summary>
/// <param name="Currency">An ISO 4217 code, or the community currency's name when <paramref name="CurrencyOrganizationId"/> is set.</param>
/// <param name="CurrencyOrganizationId">A community currency of the directory (an organization of kind currency).</param>
public sealed record Bounty(decimal Amount, string Currency, long? CurrencyOrganizationId);

/// <summary>A proposal answering a problem: by a person, for an organization when they are its verified claimer.</summary>
public sealed record ProblemResponse(
    long Id, long ProblemId, long? OrganizationId, string? OrganizationName, long? UserId, string Author, string Text,
    IReadOnlyList<string> Links, string Moderation, string? HeldBecause, DateTimeOffset CreatedAt)
{
    public bool IsPublished => Moderation == CivicProblems.Moderation.Published;
}

public static class ProblemStatus
{
    public const string Open = "open", InProgress = "in_progress", Solved = "solved", Closed = "closed";
    public static readonly IReadOnlyList<string> All = [Open, InProgress, Solved, Closed];

    public static string LabelOf(string status) => status switch
    {
        Open => "Open",
        InProgress => "In progress",
        Solved => "Solved",
        Closed => "Closed",
        _ => status,
    };
}

/// <summary>Where a problem or response stands with the review queue.</summary>
public static class Moderation
{
    public const string Published = "published", Pending = "pending", Rejected = "rejected";
}

/// <summary>The kinds of organization that post problems: a municipality or region, or a digital service team.</summary>
public static class Posters
{
    public static readonly IReadOnlyList<string> Kinds = ["municipality", "digital-service"];
}
