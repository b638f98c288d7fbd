using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.CivicProblems;

public sealed partial class ProblemEdits
{
    public const string UsesSoftware = "uses_software";

    /// <summary>
    /// The poster marks the problem solved by a solution (an organization of kind solution). The posting
    /// organization then uses that solution: a <c>uses_software</c> relationship of its record, asserted by the
    /// poster for its side, written through <see cref="OrganizationWriter"/> in the same write session, so the
    /// organization's history and the changes feed show it. One already asserted by that side is left as it is.
    /// </summary>
    public Task<ProblemResult> SolveAsync(User user, long problemId, long? solutionId) => ChangeAsync(user, problemId, async (session, problem) =>
    {
        if (problem.Status is ProblemStatus.Solved or ProblemStatus.Closed)
            return ProblemResult.Invalid("status", $"the problem is already {ProblemStatus.LabelOf(problem.Status).ToLowerInvariant()}");
        if (solutionId is not { } id) return ProblemResult.Invalid("solution_id", "is required: the solution (an organization of kind solution) that solved it");
        var solution = await session.QuerySingleOrDefaultAsync<Named>("SELECT kind AS Kind, name AS Name FROM organizations WHERE id = @id", new { id });
        if (solution is null) return ProblemResult.Invalid("solution_id", $"there is no organization with id {id}");
        if (solution.Kind != "solution")
            return ProblemResult.Invalid("solution_id", $"organization {id} is a {Vocabularies.Kind.LabelOf(solution.Kind)}, not a shared solution");
        if (await RecordUseAsync(session, user, problem, id, solution.Name) is { } refused) return refused;
        await session.ExecuteAsync("UPDATE civic_problems SET status = 'solved', solution_id = @id WHERE id = @problemId", new { id, problemId });
        return new(ProblemOutcome.Done, Detail: $"Solved with {solution.Name}");
    }, "solved");

    /// <returns>Why the use cannot be recorded (nothing is then written), or null once it is.</returns>
    private async Task<ProblemResult?> RecordUseAsync(WriteSession session, User user, CivicProblem problem, long solutionId, string solutionName)
    {
        var writer = new OrganizationWriter(clock);
        if (await writer.ContentAsync(session, problem.OrganizationId) is not { } content)
            return new(ProblemOutcome.NotFound, Detail: $"{problem.OrganizationName} is no longer in the directory.");
        var relationships = content.Relationships.ToList();
        var assertion = new Assertion(Party.Subject, Voice.Claimer, Stance.Asserts, clock.GetUtcNow(), user.Name);
        var index = relationships.FindIndex(r => r.Type == UsesSoftware && r.ObjectId == solutionId);
        if (index < 0) relationships.Add(new Relationship(0, UsesSoftware, solutionId, [assertion]));
        else if (relationships[index].Assertions.LastOrDefault(a => a.Party == Party.Subject)?.Stance == Stance.Asserts) return null;
        else relationships[index] = relationships[index] with { Assertions = [.. relationships[index].Assertions, assertion] };
        var updated = content with { Relationships = relationships };
        // A record that an older rule let in may fail today's: say so rather than fail the whole request.
        if (OrganizationValidator.Validate(updated) is [var first, ..])
            return ProblemResult.Invalid("solution_id", $"{problem.OrganizationName}'s record cannot take the relationship until it is fixed: {first.Field}: {first.Message}");
        await writer.UpdateAsync(session, problem.OrganizationId, updated,
            new ChangeNote(user.Name, $"Uses {solutionName}: it solved problem {problem.Id}, \"{problem.Title}\"", UserId: user.Id));
        return null;
    }

    /// <summary>A maintainer publishes or rejects a held problem; publishing records it as posted.</summary>
    public async Task<ProblemResult> ReviewProblemAsync(User reviewer, long problemId, bool approve)
    {
        if (!reviewer.Can(Roles.Maintainer)) return new(ProblemOutcome.Forbidden, Detail: "Only maintainers review problems.");
        var now = Now();
        await using var session = await store.BeginWriteAsync();
        var problem = await ProblemQueries.GetAsync(session, problemId);
        if (problem is null) return NotFound(problemId);
        if (problem.Moderation != Moderation.Pending) return new(ProblemOutcome.Conflict, problem, Detail: $"Problem {problemId} is not waiting for review.");
        await session.ExecuteAsync("UPDATE civic_problems SET moderation = @moderation WHERE id = @problemId AND moderation = 'pending'",
            new { problemId, moderation = approve ? Moderation.Published : Moderation.Rejected });
        if (approve)
        {
            var poster = await session.QuerySingleOrDefaultAsync<Named>(
                "SELECT u.name AS Name, u.id AS Id FROM civic_problems p JOIN users u ON u.id = p.posted_by WHERE p.id = @problemId", new { problemId });
            await RecordAsync(session, problemId, null, "posted", poster is null ? (reviewer.Name, reviewer.Id) : (poster.Name, poster.Id), $"Posted \"{problem.Title}\" (approved by {reviewer.Name})", now);
        }
        var written = await ProblemQueries.GetAsync(session, problemId);
        await session.CommitAsync();
        return new(ProblemOutcome.Done, written);
    }

    /// <summary>A maintainer publishes or rejects a held response; publishing is a revision of its problem.</summary>
    public async Task<ProblemResult> ReviewResponseAsync(User reviewer, long responseId, bool approve)
    {
        if (!reviewer.Can(Roles.Maintainer)) return new(ProblemOutcome.Forbidden, Detail: "Only maintainers review responses.");
        var now = Now();
        await using var session = await store.BeginWriteAsync();
        var problemId = await session.ScalarAsync<long?>("SELECT problem_id FROM problem_responses WHERE id = @responseId", new { responseId });
        if (problemId is null) return new(ProblemOutcome.NotFound, Detail: $"There is no response {responseId}.");
        var before = (await ProblemQueries.GetAsync(session, problemId.Value))!;
        if (before.Responses.First(r => r.Id == responseId).Moderation != Moderation.Pending) return new(ProblemOutcome.Conflict, before, Detail: $"Response {responseId} is not waiting for review.");
        await session.ExecuteAsync("UPDATE problem_responses SET moderation = @moderation WHERE id = @responseId",
            new { responseId, moderation = approve ? Moderation.Published : Moderation.Rejected });
        if (approve && before.IsPublished)
        {
            if (await BumpAsync(session, before, now) is { } conflict) return conflict;
            var response = before.Responses.First(r => r.Id == responseId);
            await RecordAsync(session, before.Id, before, "responded", (response.Author, response.UserId),
                $"Response {responseId} by {response.OrganizationName ?? response.Author} (approved by {reviewer.Name})", now);
        }
        var written = await ProblemQueries.GetAsync(session, before.Id);
        await session.CommitAsync();
        return new(ProblemOutcome.Done, written, ResponseId: responseId);
    }

    private sealed class Named
    {
        public long Id { get; set; }
        public string Kind { get; set; } = "";
        public string Name { get; set; } = "";
    }
}
