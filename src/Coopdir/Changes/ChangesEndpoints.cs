using System.ComponentModel;
using Coopdir.Core.Changes;
using Coopdir.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Coopdir.Changes;

/// <summary>The change feed that mirrors follow. (The recent-changes page for people is in History.)</summary>
public static class ChangesEndpoints
{
    public static void MapChanges(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Changes");
        api.MapGet("/changes", List)
            .WithName("ListChanges")
            .WithSummary("Every change after a cursor, in commit order")
            .WithDescription("Created, updated, deleted and merged organizations, each with its revision, author, time, summary, " +
                "the record after the change and its source's licence. Follow `next` until `has_more` is false; " +
                "keep the last `next` and ask again later to stay in sync. `coopdir mirror` does exactly this.");
    }

    private static async Task<Results<Ok<ChangePage>, ValidationProblem>> List(
        [FromQuery(Name = "since"), Description("A cursor: the 'next' of a previous page (leave out to start from the beginning)")] string? since,
        [FromQuery(Name = "limit"), Description("Changes per page, 1 to 1000 (default 100)")] string? limit,
        Store store)
    {
        var (after, size, errors) = ChangeFeed.Parse(since, limit);
        if (errors.Count > 0) return Problems.InvalidParameters(errors);
        await using var connection = await store.OpenAsync();
        return TypedResults.Ok(await ChangeFeed.ReadAsync(connection, after, size));
    }
}
