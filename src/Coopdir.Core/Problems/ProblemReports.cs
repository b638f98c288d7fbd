using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Problems;

/// <summary>
/// A reader's note that something in a record is wrong. <see cref="Contact"/> is personal data: only
/// editors and reviewers see it; the record's page shows open notes' text and date only.
/// </summary>
public sealed record ProblemReport(long Id, long OrganizationId, string OrganizationName, string Text, string? Contact,
    string Status, DateTimeOffset CreatedAt, string? HandledBy, DateTimeOffset? HandledAt);

public enum ProblemReportOutcome { Added, Invalid, Spam, NotFound }

/// <summary>What adding a report did: the report, or the field errors, or why it looks like spam.</summary>
public sealed record ProblemReportResult(ProblemReportOutcome Outcome, ProblemReport? Report = null, IReadOnlyList<FieldError>? Errors = null, string? Detail = null);

/// <summary>
/// "Report a problem": anyone, without an account, may leave a plain-text note on a record; it stays
/// open (and shown on the record's page) until an editor or reviewer marks it handled. Notes that look
/// like spam (<see cref="SpamCheck"/>) are refused, with the reason, rather than held: nobody stands
/// behind an anonymous note to be asked about it, and the writer can take the links out and send it again.
/// Each write is a single statement on a plain connection.
/// </summary>
public sealed partial class ProblemReports(Store store, TimeProvider clock)
{
    public const int MaxTextLength = Input.InputLimits.ReportText;
    public const int MaxContactLength = Input.InputLimits.ReportContact;
    public const string Open = "open";
    public const string Handled = "handled";
    public static readonly IReadOnlyList<string> Statuses = [Open, Handled];

    private const string Select = """
        SELECT p.id AS Id, p.organization_id AS OrganizationId, o.name AS OrganizationName, p.text AS Text, p.contact AS Contact,
               p.status AS Status, p.created_at AS CreatedAt, p.handled_by AS HandledBy, p.handled_at AS HandledAt
        FROM problem_reports p JOIN organizations o ON o.id = p.organization_id
        """;

    /// <summary>Every way the note is wrong, by field ("text", "contact").</summary>
    public static IReadOnlyList<FieldError> Validate(string? text, string? contact)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(text)) errors.Add(new("text", "is required: say what is wrong or out of date"));
        else Check("text", text.Trim(), MaxTextLength, errors);
        if (!string.IsNullOrWhiteSpace(contact)) Check("contact", contact.Trim(), MaxContactLength, errors);
        return errors;
    }

    private static void Check(string field, string value, int max, List<FieldError> errors)
    {
        if (value.Length > max) errors.Add(new(field, $"is longer than {max:N0} characters ({value.Length:N0})"));
        else if (PlainText.Problem(value) is { } problem) errors.Add(new(field, problem));
        else if (TagPattern().Match(value) is { Success: true } tag)
            errors.Add(new(field, $"must be plain text: it contains the HTML tag {tag.Value}"));
    }

    public async Task<ProblemReportResult> AddAsync(long organizationId, string? text, string? contact)
    {
        var errors = Validate(text, contact);
        if (errors.Count > 0) return new(ProblemReportOutcome.Invalid, Errors: errors);
        text = text!.Trim();
        contact = string.IsNullOrWhiteSpace(contact) ? null : contact.Trim();
        if (SpamCheck.Reason(null, text) is { } spam) return new(ProblemReportOutcome.Spam, Detail: $"This note looks like spam because {spam}.");
        var now = clock.GetUtcNow().ToString("O");
        long? id;
        await using (var connection = await store.OpenAsync())
        {
            // One statement: the note is written only if the organization exists.
            id = await connection.ExecuteScalarAsync<long?>("""
                INSERT INTO problem_reports (organization_id, text, contact, status, created_at)
                SELECT id, @text, @contact, 'open', @now FROM organizations WHERE id = @organizationId
                RETURNING id
                """, new { organizationId, text, contact, now });
        }
        if (id is null) return new(ProblemReportOutcome.NotFound);
        return new(ProblemReportOutcome.Added, await GetAsync(id.Value));
    }

    /// <summary>Marks an open report handled (a handled one stays as it was); null when there is no such report.</summary>
    public async Task<ProblemReport?> MarkHandledAsync(long id, string handledBy)
    {
        await using (var connection = await store.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE problem_reports SET status = 'handled', handled_by = @handledBy, handled_at = @now WHERE id = @id AND status = 'open'",
                new { id, handledBy, now = clock.GetUtcNow().ToString("O") });
        }
        return await GetAsync(id);
    }

    private async Task<ProblemReport?> GetAsync(long id)
    {
        await using var connection = await store.OpenAsync();
        return (await connection.QueryAsync<Row>($"{Select} WHERE p.id = @id", new { id })).Select(r => r.ToReport()).SingleOrDefault();
    }

    /// <summary>One organization's open reports, oldest first.</summary>
    public static async Task<IReadOnlyList<ProblemReport>> OpenOnAsync(DbConnection connection, long organizationId) =>
        (await connection.QueryAsync<Row>($"{Select} WHERE p.organization_id = @organizationId AND p.status = 'open' ORDER BY p.id", new { organizationId }))
            .Select(r => r.ToReport()).ToList();

    /// <summary>Reports with a status, oldest first (the order they are worked in).</summary>
    public static async Task<IReadOnlyList<ProblemReport>> WithStatusAsync(DbConnection connection, string status, int limit = 200) =>
        (await connection.QueryAsync<Row>($"{Select} WHERE p.status = @status ORDER BY p.id LIMIT @limit", new { status, limit }))
            .Select(r => r.ToReport()).ToList();

    // An opening or closing tag, a comment or a doctype: "<b>", "</a>", "<!--", "<img src=x>". "a < b" and "<3" are not tags.
    [GeneratedRegex(@"<(/?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>|!--|![A-Za-z])")]
    private static partial Regex TagPattern();

    private sealed class Row
    {
        public long Id { get; set; }
        public long OrganizationId { get; set; }
        public string OrganizationName { get; set; } = "";
        public string Text { get; set; } = "";
        public string? Contact { get; set; }
        public string Status { get; set; } = "";
        public string CreatedAt { get; set; } = "";
        public string? HandledBy { get; set; }
        public string? HandledAt { get; set; }

        public ProblemReport ToReport() => new(Id, OrganizationId, OrganizationName, Text, Contact, Status, Parse(CreatedAt), HandledBy,
            HandledAt is null ? null : Parse(HandledAt));
    }

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
