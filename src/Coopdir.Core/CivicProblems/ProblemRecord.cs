using System.Text.Json;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.CivicProblems;

/// <summary>
/// A problem's public form: the API's answer, each revision's before and after, the changes feed's record and
/// the JSON download. Only published responses are in it; <see cref="Moderation"/> says whether the problem
/// itself is published (a held one is shown only to whoever sent it and to reviewers).
/// </summary>
public sealed record ProblemRecord(
    long Id, long OrganizationId, string OrganizationName, string Title, string Description, string AreaId, string? AreaName,
    string Category, string CategoryLabel, BountyRecord? Bounty, string? Deadline, string Status, long? AcceptedResponseId,
    long? SolutionId, string? SolutionName, string Moderation, int Revision, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<ResponseRecord> Responses)
{
    public static ProblemRecord From(CivicProblem p) => new(p.Id, p.OrganizationId, p.OrganizationName, p.Title, p.Description, p.AreaId,
        p.AreaName, p.Category, Vocabularies.SolutionCategory.LabelOf(p.Category),
        p.Bounty is { } b ? new BountyRecord(b.Amount, b.CurrencyOrganizationId is null ? b.Currency : null, b.CurrencyOrganizationId,
            b.CurrencyOrganizationId is null ? null : b.Currency) : null,
        p.Deadline, p.Status, p.AcceptedResponseId, p.SolutionId, p.SolutionName, p.Moderation, p.Revision, p.CreatedAt, p.UpdatedAt,
        p.Responses.Where(r => r.IsPublished).Select(ResponseRecord.From).ToList());

    public static string ToJson(CivicProblem problem) => JsonSerializer.Serialize(From(problem), PublicJson.Options);
}

/// <summary>What is offered; money does not move through Coopdir.</summary>
/// <param name="Currency">An ISO 4217 code, when the bounty is in one.</param>
/// <param name="CurrencyId">A community currency of the directory, when the bounty is in one; <paramref name="CurrencyName"/> its name.</param>
public sealed record BountyRecord(decimal Amount, string? Currency, long? CurrencyId, string? CurrencyName);

public sealed record ResponseRecord(long Id, long ProblemId, long? OrganizationId, string? OrganizationName, string Author, string Text,
    IReadOnlyList<string> Links, string Moderation, DateTimeOffset CreatedAt)
{
    public static ResponseRecord From(ProblemResponse r) =>
        new(r.Id, r.ProblemId, r.OrganizationId, r.OrganizationName, r.Author, r.Text, r.Links, r.Moderation, r.CreatedAt);
}
