using System.Data.Common;
using System.Globalization;
using System.Security.Claims;
using System.ServiceModel.Syndication;
using System.Xml;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Areas;
using Coopdir.Core.CivicProblems;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Safety;
using Coopdir.Shared;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Coopdir.CivicProblems;

/// <summary>
/// The problems pages and forms, which work without JavaScript: the list with its filters, a problem with its
/// responses and the poster's actions, the post and respond forms, a problem's history, and the Atom feed.
/// Forms take a place and a currency by name as people write them; the API takes ids.
/// </summary>
public static class ProblemPages
{
    public const int FeedSize = 100;

    internal static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/problems").ExcludeFromDescription().RequireAntiforgery();
        pages.MapGet("", List);
        pages.MapGet("/{id:long}", Show);
        pages.MapGet("/{id:long}/history", History);
        var signedIn = pages.MapGroup("").RequireAuthorization(Access.Web(Roles.Contributor));
        signedIn.MapGet("/new", NewForm);
        var forms = signedIn.MapGroup("").RequireRateLimiting(RateLimits.Writes).AddEndpointFilter(ProblemsEndpoints.RefuseTooLarge)
            .WithMetadata(new RequestSizeLimitAttribute(ProblemInput.MaxBodyBytes));
        forms.MapPost("", Post);
        forms.MapPost("/{id:long}/responses", Respond);
        forms.MapPost("/{id:long}/accept", (long id, HttpRequest r, ClaimsPrincipal p, ProblemEdits e, Store s) =>
            AfterAsync(id, r, p, s, async form => await e.AcceptAsync(p.ToUser()!, id, long.TryParse(form["response_id"], out var rid) ? rid : 0)));
        forms.MapPost("/{id:long}/solve", Solve);
        forms.MapPost("/{id:long}/close", (long id, HttpRequest r, ClaimsPrincipal p, ProblemEdits e, Store s) =>
            AfterAsync(id, r, p, s, _ => e.CloseAsync(p.ToUser()!, id)));
        var review = pages.MapGroup("").RequireAuthorization(Access.Web(Roles.Maintainer)).RequireRateLimiting(RateLimits.Writes);
        review.MapPost("/{id:long}/approve", async (long id, ClaimsPrincipal p, ProblemEdits e) => Reviewed(await e.ReviewProblemAsync(p.ToUser()!, id, true)));
        review.MapPost("/{id:long}/reject", async (long id, ClaimsPrincipal p, ProblemEdits e) => Reviewed(await e.ReviewProblemAsync(p.ToUser()!, id, false)));
        review.MapPost("/responses/{id:long}/approve", async (long id, ClaimsPrincipal p, ProblemEdits e) => Reviewed(await e.ReviewResponseAsync(p.ToUser()!, id, true)));
        review.MapPost("/responses/{id:long}/reject", async (long id, ClaimsPrincipal p, ProblemEdits e) => Reviewed(await e.ReviewResponseAsync(p.ToUser()!, id, false)));
    }

    private static async Task<IResult> List([AsParameters] ProblemListRequest request, Store store, ClaimsPrincipal principal)
    {
        await using var connection = await store.OpenForReadingAsync();
        var gazetteer = await store.Areas.CurrentAsync(connection);
        // The filter box takes a place by name too: a name that is one area becomes its id.
        if (request.Area is { } written && !Area.IsDivisionId(written.Trim()) && ResolveArea(gazetteer, written).Id is { } areaId)
            request = request with { Area = areaId };
        var (filter, page, size, errors) = request.Parse(gazetteer);
        var found = errors.Count > 0 ? new ProblemListPage([], 0) : await ProblemQueries.ListAsync(connection, gazetteer, filter, (page - 1) * size, size);
        return new RazorComponentResult<ProblemsPage>(new
        {
            Request = request, Found = found, Page = page, PageSize = size, Errors = errors,
            AreaName = filter.Area?.Name, SignedIn = principal.ToUser() is not null,
        }) { StatusCode = errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK };
    }

    private static Task<IResult> Show(long id, Store store, ClaimsPrincipal principal) => PageAsync(id, store, principal, [], null, StatusCodes.Status200OK);

    private static async Task<IResult> PageAsync(long id, Store store, ClaimsPrincipal principal, IReadOnlyList<FieldError> errors, IFormCollection? sent, int status, string? notice = null)
    {
        await using var connection = await store.OpenForReadingAsync();
        var problem = await ProblemQueries.GetAsync(connection, id);
        var user = principal.ToUser();
        if (problem is null || !problem.IsPublished && user?.Can(Roles.Maintainer) != true && !await IsClaimerAsync(connection, problem.OrganizationId, user))
            return NotFoundPages.Show($"There is no problem {id}.");
        return new RazorComponentResult<ProblemPage>(new
        {
            Problem = problem,
            User = user,
            IsPoster = await IsClaimerAsync(connection, problem.OrganizationId, user),
            Speaks = user is null ? [] : await ClaimedAsync(connection, user.Id, null),
            Errors = errors,
            Sent = sent,
            Notice = notice,
        }) { StatusCode = status };
    }

    private static async Task<IResult> NewForm(Store store, ClaimsPrincipal principal) => await PostFormAsync(store, principal, null, [], [], StatusCodes.Status200OK);

    private static async Task<IResult> PostFormAsync(Store store, ClaimsPrincipal principal, IFormCollection? sent, IReadOnlyList<FieldError> errors,
        IReadOnlyList<Area> places, int status)
    {
        await using var connection = await store.OpenForReadingAsync();
        return new RazorComponentResult<PostProblemPage>(new
        {
            Posters = await ClaimedAsync(connection, principal.ToUser()!.Id, Posters.Kinds),
            Sent = sent, Errors = errors, Places = places,
        }) { StatusCode = status };
    }

    private static async Task<IResult> Post(HttpRequest request, Store store, ClaimsPrincipal principal, ProblemEdits edits)
    {
        var form = await request.ReadFormAsync();
        var errors = new List<FieldError>();
        IReadOnlyList<Area> places = [];
        string? areaId = form["area"];
        long? currencyId = null;
        string? currency = string.IsNullOrWhiteSpace(form["bounty_currency"]) ? null : form["bounty_currency"].ToString().Trim();
        await using (var connection = await store.OpenForReadingAsync())
        {
            if (!string.IsNullOrWhiteSpace(areaId) && !Area.IsDivisionId(areaId.Trim()))
            {
                (areaId, places) = ResolveArea(await store.Areas.CurrentAsync(connection), areaId!);
                if (areaId is null) errors.Add(new("area", places.Count == 0 ? $"no place is called '{ProblemInput.Short(form["area"]!)}'" : "several places go by that name: choose one below"));
            }
            // A currency that is not an ISO 4217 code may be a community currency of the directory, by name.
            if (currency is not null && !ProblemInput.IsCurrencyCode(currency))
            {
                currencyId = await connection.ExecuteScalarAsync<long?>("SELECT id FROM organizations WHERE kind = 'currency' AND lower(name) = lower(@currency) ORDER BY id LIMIT 1", new { currency });
                if (currencyId is not null) currency = null;
            }
        }
        decimal? amount = null;
        if (!string.IsNullOrWhiteSpace(form["bounty_amount"]))
        {
            if (decimal.TryParse(form["bounty_amount"], NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)) amount = parsed;
            else errors.Add(new("bounty_amount", $"'{ProblemInput.Short(form["bounty_amount"]!)}' is not an amount (such as 5000 or 2500.50)"));
        }
        ProblemResult? result = null;
        if (errors.Count == 0)
        {
            var organizationId = long.TryParse(form["organization_id"], NumberStyles.None, CultureInfo.InvariantCulture, out var oid) ? oid : (long?)null;
            result = await edits.PostAsync(principal.ToUser()!, new ProblemDraft(organizationId, form["title"], form["description"], areaId, form["category"],
                amount, currency, currencyId, form["deadline"]));
            if (result.Outcome is ProblemOutcome.Done or ProblemOutcome.Queued) return TypedResults.Redirect($"/problems/{result.Problem!.Id}");
            if (result.Outcome == ProblemOutcome.Forbidden) errors.Add(new("organization_id", result.Detail!));
            else errors.AddRange(result.Errors ?? []);
        }
        return await PostFormAsync(store, principal, form, errors, places,
            result?.Outcome == ProblemOutcome.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> Respond(long id, HttpRequest request, Store store, ClaimsPrincipal principal, ProblemEdits edits)
    {
        var form = await request.ReadFormAsync();
        var organizationId = long.TryParse(form["organization_id"], NumberStyles.None, CultureInfo.InvariantCulture, out var oid) ? oid : (long?)null;
        var links = form["links"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = await edits.RespondAsync(principal.ToUser()!, id, new ResponseDraft(organizationId, form["text"], links));
        return result.Outcome switch
        {
            ProblemOutcome.Done => TypedResults.Redirect($"/problems/{id}#response-{result.ResponseId}"),
            ProblemOutcome.Queued => await PageAsync(id, store, principal, [], null, StatusCodes.Status202Accepted, result.Detail),
            _ => await Refused(id, result, store, principal, form),
        };
    }

    private static async Task<IResult> Solve(long id, HttpRequest request, Store store, ClaimsPrincipal principal, ProblemEdits edits) =>
        await AfterAsync(id, request, principal, store, async form =>
        {
            var written = form["solution"].ToString().Trim();
            long? solutionId = long.TryParse(written, NumberStyles.None, CultureInfo.InvariantCulture, out var sid) ? sid : null;
            if (solutionId is null && written.Length > 0)
            {
                await using var connection = await store.OpenForReadingAsync();
                solutionId = await connection.ExecuteScalarAsync<long?>("SELECT id FROM organizations WHERE kind = 'solution' AND lower(name) = lower(@written) ORDER BY id LIMIT 1", new { written });
                if (solutionId is null) return ProblemResult.Invalid("solution_id", $"no shared solution is called '{ProblemInput.Short(written)}'");
            }
            return await edits.SolveAsync(principal.ToUser()!, id, solutionId);
        });

    private static async Task<IResult> AfterAsync(long id, HttpRequest request, ClaimsPrincipal principal, Store store, Func<IFormCollection, Task<ProblemResult>> change)
    {
        var form = await request.ReadFormAsync();
        var result = await change(form);
        return result.Outcome == ProblemOutcome.Done ? TypedResults.Redirect($"/problems/{id}") : await Refused(id, result, store, principal, form);
    }

    private static async Task<IResult> Refused(long id, ProblemResult result, Store store, ClaimsPrincipal principal, IFormCollection form) => result.Outcome switch
    {
        ProblemOutcome.NotFound => NotFoundPages.Show(result.Detail!),
        ProblemOutcome.Forbidden => await PageAsync(id, store, principal, [new("", result.Detail!)], form, StatusCodes.Status403Forbidden),
        ProblemOutcome.Conflict => await PageAsync(id, store, principal, [new("status", result.Detail!)], form, StatusCodes.Status409Conflict),
        _ => await PageAsync(id, store, principal, result.Errors ?? [], form, StatusCodes.Status400BadRequest),
    };

    private static IResult Reviewed(ProblemResult result) => result.Outcome switch
    {
        ProblemOutcome.Done or ProblemOutcome.Conflict => TypedResults.Redirect("/proposals"),
        ProblemOutcome.NotFound => NotFoundPages.Show(result.Detail!),
        _ => TypedResults.Forbid(),
    };

    private static async Task<IResult> History(long id, Store store)
    {
        await using var connection = await store.OpenForReadingAsync();
        var problem = await ProblemQueries.GetAsync(connection, id);
        if (problem is not { IsPublished: true }) return NotFoundPages.Show($"There is no problem {id}.");
        return new RazorComponentResult<ProblemHistoryPage>(new { Problem = problem, Revisions = await ProblemChanges.OfAsync(connection, id) });
    }

    /// <summary>Open problems (or the status asked for) as Atom, newest first, with the list's filters.</summary>
    internal static async Task<IResult> Atom([AsParameters] ProblemListRequest request, HttpContext http, Store store, IOptions<DirectoryOptions> directory)
    {
        IReadOnlyList<CivicProblem> problems;
        ProblemFilter filter;
        await using (var connection = await store.OpenForReadingAsync())
        {
            var gazetteer = await store.Areas.CurrentAsync(connection);
            var (parsed, _, _, errors) = (request with { Page = null, PageSize = null }).Parse(gazetteer, ProblemStatus.Open);
            if (errors.Count > 0) return Problems.InvalidParameters(errors);
            filter = parsed;
            problems = (await ProblemQueries.AllAsync(connection, gazetteer, filter)).Take(FeedSize).ToList();
        }
        var origin = Shared.PublicUrl.Of(http.Request);
        var scope = string.Join(", ", new[] { filter.Area?.Name, filter.Category is null ? null : Vocabularies.SolutionCategory.LabelOf(filter.Category) }.OfType<string>());
        var title = $"{directory.Value.Name}: {ProblemStatus.LabelOf(filter.Status!).ToLowerInvariant()} problems{(scope.Length == 0 ? "" : $" ({scope})")}";
        var feed = new SyndicationFeed(title, "Problems posted for co-ops and civic tech groups to solve. Money does not move through Coopdir.",
            new Uri($"{origin}/problems?{request.Query()}"), $"{origin}/problems.atom?{request.Query()}",
            problems.Count == 0 ? DateTimeOffset.UnixEpoch : problems.Max(p => p.UpdatedAt), problems.Select(p => Entry(p, origin)));
        var output = new MemoryStream();
        await using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Async = true, Encoding = new System.Text.UTF8Encoding(false) }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
            await writer.FlushAsync();
        }
        return TypedResults.Bytes(output.ToArray(), "application/atom+xml; charset=utf-8");
    }

    private static SyndicationItem Entry(CivicProblem p, string origin)
    {
        var bounty = p.Bounty is { } b ? $"\nBounty: {b.Amount.ToString("N2", CultureInfo.InvariantCulture)} {b.Currency}" : "";
        var item = new SyndicationItem(p.Title, $"{p.OrganizationName}, {p.AreaName ?? p.AreaId} · {Vocabularies.SolutionCategory.LabelOf(p.Category)}{bounty}\n\n{p.Description}",
            new Uri($"{origin}/problems/{p.Id}"), $"{origin}/problems/{p.Id}", p.UpdatedAt) { PublishDate = p.CreatedAt };
        item.Authors.Add(new SyndicationPerson { Name = p.OrganizationName, Uri = $"{origin}/organizations/{p.OrganizationId}" });
        item.Categories.Add(new SyndicationCategory(p.Category));
        return item;
    }

    /// <summary>The area a place box names: an OCD id as it is; a name that is exactly one area's; else the candidates to choose from.</summary>
    internal static (string? Id, IReadOnlyList<Area> Candidates) ResolveArea(AreaGazetteer gazetteer, string written)
    {
        var key = AreaNames.Key(written);
        var candidates = gazetteer.Search(written, null, 10);
        var exact = candidates.Where(a => AreaNames.Key(a.Name) == key).ToList();
        return exact.Count == 1 ? (exact[0].Id, []) : (null, exact.Count > 1 ? exact : candidates);
    }

    private static async Task<bool> IsClaimerAsync(DbConnection connection, long organizationId, User? user) =>
        user is not null && await Core.Claims.ListingClaims.IsVerifiedClaimerAsync(connection, organizationId, user.Id);

    /// <summary>The organizations a person speaks for (verified claims), of the kinds given or any.</summary>
    private static async Task<IReadOnlyList<(long Id, string Name)>> ClaimedAsync(DbConnection connection, long userId, IReadOnlyList<string>? kinds) =>
        (await connection.QueryAsync<(long, string, string)>("""
            SELECT o.id, o.name, o.kind FROM claims c JOIN organizations o ON o.id = c.organization_id
            WHERE c.user_id = @userId AND c.status = 'verified' ORDER BY o.name
            """, new { userId })).Where(o => kinds is null || kinds.Contains(o.Item3)).Select(o => (o.Item1, o.Item2)).ToList();
}
