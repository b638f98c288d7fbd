using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Coopdir.Core.Accounts;
using Coopdir.Core.Claims;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.CivicProblems;

public enum ProblemOutcome { Done, Queued, Invalid, Forbidden, NotFound, Conflict }

/// <summary>What a change did: the problem as it now stands, or the field errors, or why it was refused.</summary>
public sealed record ProblemResult(ProblemOutcome Outcome, CivicProblem? Problem = null, IReadOnlyList<FieldError>? Errors = null,
    string? Detail = null, long? ResponseId = null)
{
    public static ProblemResult Invalid(string field, string message) => new(ProblemOutcome.Invalid, Errors: [new(field, message)]);
}

/// <summary>
/// Posting, answering, accepting, solving and closing problems, and reviewing the ones held. Who may do what:
/// a verified claimer of a municipality or digital service team posts for it, and that organization's verified
/// claimers (the poster) accept a response, solve and close; any signed-in person responds, for an organization
/// only as its verified claimer. What waits for a reviewer follows the edits' rule: a claimer speaking for the
/// organization they verified, or an editor, is trusted to publish at once, as their direct edits are; a
/// person speaking only for themselves waits in the review queue, as a contributor's proposal does; and
/// anything that looks like spam (<see cref="SpamCheck"/>) waits whoever sent it. Every published change is a
/// revision of the problem (its responses included), written in one write session with the change.
/// </summary>
public sealed partial class ProblemEdits(Store store, TimeProvider clock)
{
    public async Task<ProblemResult> PostAsync(User poster, ProblemDraft draft)
    {
        var errors = ProblemInput.Check(draft, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).ToList();
        await using (var connection = await store.OpenAsync())
        {
            if (draft.OrganizationId is { } organizationId)
            {
                var kind = await KindOfAsync(connection, organizationId);
                if (kind is null) errors.Add(new("organization_id", $"there is no organization with id {organizationId}"));
                else if (!Posters.Kinds.Contains(kind))
                    errors.Add(new("organization_id", $"problems are posted by a municipality or a digital service team, not a {Vocabularies.Kind.LabelOf(kind)}"));
                else if (errors.Count == 0 && !await ListingClaims.IsVerifiedClaimerAsync(connection, organizationId, poster.Id))
                    return new(ProblemOutcome.Forbidden, Detail: $"Only a verified claimer of organization {organizationId} may post problems for it: claim its listing first.");
            }
            if (!errors.Any(e => e.Field == "area") && draft.AreaId is { } areaId && (await store.Areas.CurrentAsync(connection)).Find(areaId.Trim()) is null)
                errors.Add(new("area", $"there is no area '{ProblemInput.Short(areaId)}' (load the areas, or pick one of /api/v1/areas/suggest)"));
            if (draft.BountyCurrencyId is { } currencyId && await KindOfAsync(connection, currencyId) != "currency")
                errors.Add(new("bounty_currency_id", $"organization {currencyId} is not a community currency of the directory"));
        }
        if (errors.Count > 0) return new(ProblemOutcome.Invalid, Errors: errors);

        var held = SpamCheck.Reason(null, $"{draft.Title}\n{draft.Description}");
        var now = Now();
        await using var session = await store.BeginWriteAsync();
        var id = await session.ScalarAsync<long>("""
            INSERT INTO civic_problems (organization_id, posted_by, title, description, area_id, category, bounty_amount, bounty_currency,
                bounty_currency_id, deadline, status, moderation, held_because, revision, created_at, updated_at)
            VALUES (@OrganizationId, @poster, @title, @description, @area, @category, @amount, @currency, @BountyCurrencyId, @deadline,
                'open', @moderation, @held, 1, @now, @now)
            RETURNING id
            """, new
        {
            draft.OrganizationId, poster = poster.Id, title = draft.Title!.Trim(), description = draft.Description!.Trim(), area = draft.AreaId!.Trim(),
            category = Vocabularies.SolutionCategory.Find(draft.Category!.Trim())!.Code,
            amount = draft.BountyAmount?.ToString(CultureInfo.InvariantCulture),
            currency = draft.BountyCurrencyId is null ? draft.BountyCurrency?.Trim() : null, draft.BountyCurrencyId,
            deadline = string.IsNullOrWhiteSpace(draft.Deadline) ? null : draft.Deadline.Trim(),
            moderation = held is null ? Moderation.Published : Moderation.Pending, held, now,
        });
        if (held is null) await RecordAsync(session, id, null, "posted", (poster.Name, poster.Id), $"Posted \"{draft.Title.Trim()}\"", now);
        var written = await ProblemQueries.GetAsync(session, id);
        await session.CommitAsync();
        return held is null ? new(ProblemOutcome.Done, written) : new(ProblemOutcome.Queued, written, Detail: $"Held for review because {held}.");
    }

    public async Task<ProblemResult> RespondAsync(User author, long problemId, ResponseDraft draft)
    {
        var errors = ProblemInput.Check(draft).ToList();
        bool trusted;
        await using (var connection = await store.OpenAsync())
        {
            var problem = await ProblemQueries.GetAsync(connection, problemId);
            if (problem is not { IsPublished: true }) return NotFound(problemId);
            if (problem.Status != ProblemStatus.Open)
                return new(ProblemOutcome.Conflict, problem, Detail: $"Problem {problemId} is {ProblemStatus.LabelOf(problem.Status).ToLowerInvariant()}: it takes responses only while open.");
            if (draft.OrganizationId is { } organizationId)
            {
                if (await KindOfAsync(connection, organizationId) is null) errors.Add(new("organization_id", $"there is no organization with id {organizationId}"));
                else if (errors.Count == 0 && !await ListingClaims.IsVerifiedClaimerAsync(connection, organizationId, author.Id))
                    return new(ProblemOutcome.Forbidden, Detail: $"Only a verified claimer of organization {organizationId} may respond for it; leave organization_id out to respond as yourself.");
            }
            trusted = draft.OrganizationId is not null || author.Can(Roles.Editor);
        }
        if (errors.Count > 0) return new(ProblemOutcome.Invalid, Errors: errors);

        var links = (draft.Links ?? []).Select(l => l.Trim()).ToList();
        var held = SpamCheck.Reason(null, draft.Text!);
        var moderation = held is null && trusted ? Moderation.Published : Moderation.Pending;
        var now = Now();
        await using var session = await store.BeginWriteAsync();
        var before = await ProblemQueries.GetAsync(session, problemId);
        // Read again inside the write: the poster may have accepted or closed it since.
        if (before is null || before.Status != ProblemStatus.Open)
            return new(ProblemOutcome.Conflict, before, Detail: $"Problem {problemId} takes responses only while open.");
        var responseId = await session.ScalarAsync<long>("""
            INSERT INTO problem_responses (problem_id, organization_id, user_id, author, text, links_json, moderation, held_because, created_at)
            VALUES (@problemId, @OrganizationId, @user, @author, @text, @links, @moderation, @held, @now) RETURNING id
            """, new { problemId, draft.OrganizationId, user = author.Id, author = author.Name, text = draft.Text!.Trim(), links = JsonSerializer.Serialize(links), moderation, held, now });
        if (moderation == Moderation.Published && await BumpAsync(session, before!, now) is { } conflict) return conflict;
        if (moderation == Moderation.Published)
            await RecordAsync(session, problemId, before, "responded", (author.Name, author.Id), $"Response {responseId} by {await ResponderAsync(session, author, draft)}", now);
        var written = await ProblemQueries.GetAsync(session, problemId);
        await session.CommitAsync();
        return moderation == Moderation.Published
            ? new(ProblemOutcome.Done, written, ResponseId: responseId)
            : new(ProblemOutcome.Queued, written, ResponseId: responseId,
                Detail: held is not null ? $"Held for review because {held}." : "Waiting for review: a response not made for an organization you verified is published once a reviewer approves it.");
    }

    /// <summary>The poster accepts one published response: the problem is then in progress.</summary>
    public Task<ProblemResult> AcceptAsync(User user, long problemId, long responseId) => ChangeAsync(user, problemId, async (session, problem) =>
    {
        if (problem.Status != ProblemStatus.Open)
            return ProblemResult.Invalid("status", $"only an open problem accepts a response; this one is {ProblemStatus.LabelOf(problem.Status).ToLowerInvariant()}");
        var response = problem.Responses.FirstOrDefault(r => r.Id == responseId && r.IsPublished);
        if (response is null) return ProblemResult.Invalid("response_id", $"problem {problemId} has no published response {responseId}");
        await session.ExecuteAsync("UPDATE civic_problems SET status = 'in_progress', accepted_response_id = @responseId WHERE id = @problemId", new { problemId, responseId });
        return new(ProblemOutcome.Done, Detail: $"Accepted response {responseId} by {response.OrganizationName ?? response.Author}");
    }, "accepted");

    /// <summary>The poster closes an open or in-progress problem without a solution.</summary>
    public Task<ProblemResult> CloseAsync(User user, long problemId) => ChangeAsync(user, problemId, async (session, problem) =>
    {
        if (problem.Status is ProblemStatus.Solved or ProblemStatus.Closed)
            return ProblemResult.Invalid("status", $"the problem is already {ProblemStatus.LabelOf(problem.Status).ToLowerInvariant()}");
        await session.ExecuteAsync("UPDATE civic_problems SET status = 'closed' WHERE id = @problemId", new { problemId });
        return new(ProblemOutcome.Done, Detail: "Closed");
    }, "closed");

    private static ProblemResult NotFound(long id) => new(ProblemOutcome.NotFound, Detail: $"There is no problem {id}.");

    private string Now() => clock.GetUtcNow().ToString("O");

    /// <summary>A change by the poster: checked, written and recorded as one revision in one write session.</summary>
    private async Task<ProblemResult> ChangeAsync(User user, long problemId, Func<WriteSession, CivicProblem, Task<ProblemResult>> change, string action)
    {
        await using (var connection = await store.OpenAsync())
        {
            var found = await ProblemQueries.GetAsync(connection, problemId);
            if (found is not { IsPublished: true }) return NotFound(problemId);
            if (!await ListingClaims.IsVerifiedClaimerAsync(connection, found.OrganizationId, user.Id))
                return new(ProblemOutcome.Forbidden, Detail: $"Only the poster, {found.OrganizationName} (through its verified claimers), may change problem {problemId}.");
        }
        var now = Now();
        await using var session = await store.BeginWriteAsync();
        var before = (await ProblemQueries.GetAsync(session, problemId))!;
        var result = await change(session, before);
        if (result.Outcome != ProblemOutcome.Done) return result;
        if (await BumpAsync(session, before, now) is { } conflict) return conflict;
        await RecordAsync(session, problemId, before, action, (user.Name, user.Id), result.Detail!, now);
        var written = await ProblemQueries.GetAsync(session, problemId);
        await session.CommitAsync();
        return new(ProblemOutcome.Done, written);
    }

    /// <summary>The next revision, only if nobody wrote one since the caller read <paramref name="before"/> (else a conflict, nothing written).</summary>
    private static async Task<ProblemResult?> BumpAsync(WriteSession session, CivicProblem before, string now) =>
        await session.ExecuteAsync("UPDATE civic_problems SET revision = revision + 1, updated_at = @now WHERE id = @Id AND revision = @Revision",
            new { before.Id, before.Revision, now }) == 1
            ? null
            : new(ProblemOutcome.Conflict, Detail: $"Problem {before.Id} changed while this was being written; read it again and retry.");

    /// <summary>A revision with the problem's public record before and after; the changes turn keeps the feed's cursor in commit order.</summary>
    private static async Task RecordAsync(WriteSession session, long problemId, CivicProblem? before, string action, (string Name, long? Id) author, string summary, string now)
    {
        var after = (await ProblemQueries.GetAsync(session, problemId))!;
        await session.Store.TakeChangesTurnAsync(session);
        await session.ExecuteAsync("""
            INSERT INTO problem_revisions (problem_id, revision, action, author, user_id, summary, created_at, before_json, after_json)
            VALUES (@problemId, @Revision, @action, @author, @user, @summary, @now, @beforeJson, @afterJson)
            """, new
        {
            problemId, after.Revision, action, author = author.Name, user = author.Id, summary, now,
            beforeJson = before is null ? null : ProblemRecord.ToJson(before), afterJson = ProblemRecord.ToJson(after),
        });
    }

    private static async Task<string> ResponderAsync(WriteSession session, User author, ResponseDraft draft) =>
        draft.OrganizationId is { } id ? await session.ScalarAsync<string>("SELECT name FROM organizations WHERE id = @id", new { id }) ?? author.Name : author.Name;

    private static Task<string?> KindOfAsync(DbConnection connection, long id) =>
        connection.ExecuteScalarAsync<string?>("SELECT kind FROM organizations WHERE id = @id", new { id });
}
