using Coopdir.Core.Problems;

namespace Coopdir.ReportedProblems;

/// <summary>A reader's note on a record: what is wrong, and optionally how to reach them (seen only by editors and reviewers).</summary>
public sealed record ProblemReportRequest(string? Text, string? Contact);

/// <summary>A problem report. <see cref="Contact"/> is given only to editors and reviewers.</summary>
public sealed record ProblemReportResponse(long Id, long OrganizationId, string OrganizationName, string Text, string? Contact,
    string Status, DateTimeOffset CreatedAt, string? HandledBy, DateTimeOffset? HandledAt)
{
    public static ProblemReportResponse From(ProblemReport r, bool withContact) =>
        new(r.Id, r.OrganizationId, r.OrganizationName, r.Text, withContact ? r.Contact : null, r.Status, r.CreatedAt, r.HandledBy, r.HandledAt);
}
