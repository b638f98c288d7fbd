using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Payments;
using Coopdir.Edits;
using Coopdir.Safety;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Coopdir.Payments;

/// <summary>
/// Currencies an operator runs: the currencies, accounts and balances, transfers, issuance, redemption and reserve
/// deposits, payment requests and statements. Writes take a bearer token; balances and statements are the holder's
/// and the operator's only. The public ledger is in <see cref="LedgerEndpoints"/>, the pages in <see cref="PaymentPages"/>.
/// </summary>
public static class PaymentsEndpoints
{
    public static IServiceCollection AddPayments(this IServiceCollection services) =>
        services.AddSingleton<CurrencyOperations>().AddSingleton<Movements>().AddSingleton<PaymentRequests>().AddSingleton<CurrencyAcceptance>();

    public static void MapPayments(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/money").WithTags("Money");
        api.MapGet("/currencies", ListCurrencies).WithSummary("The currencies run here");
        api.MapGet("/currencies/{code}", GetCurrency).WithSummary("A currency: its code, unit, precision, model, operator, limits and public key");
        api.MapGet("/currencies/{code}/totals", Totals).WithSummary("Money supply, volume, velocity and active accounts over 30 days; reserve and circulation");
        api.MapGet("/requests/{token}", GetRequest).WithSummary("A payment request: payee, amount, whether it is paid");

        var signedIn = api.MapGroup("").RequireAuthorization(Access.Api(Roles.Contributor));
        signedIn.MapGet("/accounts", MyAccounts).WithSummary("The accounts you hold (yours, and those of organizations you verified), with balances");
        signedIn.MapGet("/currencies/{code}/accounts/{account}", GetAccount).WithSummary("An account and its balance (holder and operator only)");
        signedIn.MapGet("/currencies/{code}/accounts/{account}/statement", PaymentStatements.Json)
            .WithSummary("An account's movements, newest first (holder and operator only); before= pages back");
        signedIn.MapGet("/currencies/{code}/accounts/{account}/statement.csv", PaymentStatements.Csv)
            .WithSummary("An account's whole statement as CSV (holder and operator only)");
        signedIn.MapGet("/currencies/{code}/acceptance", ListAcceptance)
            .WithSummary("The organizations holding an account, and whether each is shown as accepting the currency (operator only)");
        signedIn.MapGet("/currencies/{code}/audit", Audit).WithSummary("Every operator action, newest first (operator only)");

        var writing = signedIn.MapGroup("").RequireRateLimiting(RateLimits.Writes);
        writing.MapPost("/currencies", Create).WithSummary("Run a currency of the directory, as a verified claimer of the municipality, network or co-op operating it");
        writing.MapPost("/currencies/{code}/accounts", Open).WithSummary("Open your account, or (organization_id) one for an organization you verified");
        writing.MapPatch("/currencies/{code}/accounts/{account}", Change).WithSummary("The operator sets an account's credit limit or freezes it");
        writing.MapPost("/currencies/{code}/issuances", (string code, HttpRequest r, ClaimsPrincipal p, Movements m, Store s) =>
            MoveAsync(code, r, s, d => m.IssueAsync(p.ToUser()!, code, d))).WithSummary("The operator issues units to an account (not for mutual credit)");
        writing.MapPost("/currencies/{code}/redemptions", (string code, HttpRequest r, ClaimsPrincipal p, Movements m, Store s) =>
            MoveAsync(code, r, s, d => m.RedeemAsync(p.ToUser()!, code, d))).WithSummary("Units go back to the issuer against the reserve (reserve-backed)");
        writing.MapPost("/currencies/{code}/reserve-deposits", (string code, HttpRequest r, ClaimsPrincipal p, Movements m, Store s) =>
            MoveAsync(code, r, s, d => m.DepositReserveAsync(p.ToUser()!, code, d))).WithSummary("The operator records a reserve deposit (reserve-backed)");
        writing.MapPut("/currencies/{code}/acceptance/{account}", (string code, string account, ClaimsPrincipal p, CurrencyAcceptance a) =>
                AcceptanceAsync(a.ConfirmAsync(p.ToUser()!, code, account)))
            .WithSummary("The operator confirms that the organization holding the account accepts the currency: the accepts_currency relationship");
        writing.MapDelete("/currencies/{code}/acceptance/{account}", (string code, string account, ClaimsPrincipal p, CurrencyAcceptance a) =>
                AcceptanceAsync(a.WithdrawAsync(p.ToUser()!, code, account)))
            .WithSummary("The operator withdraws it: the currency's side ends the relationship");
        writing.MapPut("/currencies/{code}/charges", SetCharges).WithSummary("The operator sets the fee on each payment and the monthly demurrage");
        writing.MapPost("/currencies/{code}/demurrage", ChargeDemurrage)
            .WithSummary("The operator charges this month's demurrage on positive balances: once a month, a second run charges nothing");
        writing.MapPost("/currencies/{code}/requests", CreateRequest).WithSummary("Ask to be paid into an account you hold: a link and a QR code");
        signedIn.MapPost("/currencies/{code}/transfers", (string code, HttpRequest r, ClaimsPrincipal p, Movements m, Store s) =>
                MoveAsync(code, r, s, d => m.TransferAsync(p.ToUser()!, code, d)))
            .RequireRateLimiting(RateLimits.Payments)
            .WithSummary("Pay from an account you hold: exactly once per idempotency_key; refused with the reason when a limit would break");

        LedgerEndpoints.Map(app);
        PaymentPages.Map(app);
    }

    private static async Task<Ok<IReadOnlyList<CurrencyRun>>> ListCurrencies(Store store)
    {
        await using var connection = await store.OpenForReadingAsync();
        return TypedResults.Ok<IReadOnlyList<CurrencyRun>>((await PaymentQueries.CurrenciesAsync(connection)).Select(CurrencyRun.From).ToList());
    }

    private static async Task<Results<Ok<CurrencyRun>, ProblemHttpResult>> GetCurrency(string code, Store store)
    {
        await using var connection = await store.OpenForReadingAsync();
        return await PaymentQueries.CurrencyAsync(connection, code) is { } c ? TypedResults.Ok(CurrencyRun.From(c)) : NoCurrency(code);
    }

    internal static async Task<Results<Ok<TotalsResponse>, ProblemHttpResult>> Totals(string code, Store store, TimeProvider clock)
    {
        await using var connection = await store.OpenForReadingAsync();
        if (await PaymentQueries.CurrencyAsync(connection, code) is not { } c) return NoCurrency(code);
        return TypedResults.Ok(TotalsOf(c, await PaymentQueries.TotalsAsync(connection, c, clock.GetUtcNow())));
    }

    internal static TotalsResponse TotalsOf(PayCurrency c, MoneyTotals t) => new(c.Code, c.Model, c.Format(t.Supply), c.Format(t.Volume), t.Movements,
        PaymentQueries.Velocity(t), t.ActiveAccounts, t.Accounts, c.Model == MoneyModel.ReserveBacked ? c.Format(t.Reserve) : null,
        c.Model == MoneyModel.MutualCredit ? null : c.Format(t.Circulation), c.LogSize);

    private static async Task<Results<Ok<PaymentRequestResponse>, ProblemHttpResult>> GetRequest(string token, Store store)
    {
        await using var connection = await store.OpenAsync();
        if (await PaymentRequests.GetAsync(connection, token) is not { } r) return Problems.NotFound("There is no such payment request.");
        return TypedResults.Ok(PaymentRequestResponse.From(r, (await PaymentQueries.CurrencyAsync(connection, r.Code))!));
    }

    private static async Task<Ok<IReadOnlyList<AccountResponse>>> MyAccounts(ClaimsPrincipal principal, Store store)
    {
        await using var connection = await store.OpenAsync();
        var currencies = (await PaymentQueries.CurrenciesAsync(connection)).ToDictionary(c => c.Id);
        return TypedResults.Ok<IReadOnlyList<AccountResponse>>((await PaymentQueries.HeldByAsync(connection, principal.ToUser()!.Id))
            .Select(a => AccountResponse.From(currencies[a.CurrencyId], a)).ToList());
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> GetAccount(string code, string account, ClaimsPrincipal principal, Store store)
    {
        await using var connection = await store.OpenAsync();
        var (currency, found, problem) = await PaymentStatements.VisibleAsync(connection, code, account, principal.ToUser());
        return problem ?? (Results<Ok<AccountResponse>, ProblemHttpResult>)TypedResults.Ok(AccountResponse.From(currency!, found!));
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> Audit(string code, ClaimsPrincipal principal, Store store)
    {
        await using var connection = await store.OpenAsync();
        if (await PaymentQueries.CurrencyAsync(connection, code) is not { } c) return NoCurrency(code);
        if (!await CurrencyOperations.IsOperatorAsync(connection, c, principal.ToUser())) return EditResponses.Forbidden($"Only the operator of {c.Code} may read its audit trail.");
        return TypedResults.Ok<IReadOnlyList<AuditEntry>>((await PaymentQueries.AuditAsync(connection, c.Id))
            .Select(a => new AuditEntry(a.Id, a.UserId, a.Action, a.Detail, a.CreatedAt)).ToList());
    }

    private static async Task<Results<Created<CurrencyRun>, ValidationProblem, ProblemHttpResult>> Create(HttpRequest request, ClaimsPrincipal principal, CurrencyOperations operations)
    {
        var (body, problem) = await ReadAsync<CreateCurrencyRequest>(request);
        if (problem is not null) return problem switch { ValidationProblem invalid => invalid, _ => (ProblemHttpResult)problem };
        var result = await operations.CreateAsync(principal.ToUser()!, body!.ToDraft());
        if (result.Outcome == PaymentOutcome.Invalid) return Problems.InvalidParameters(result.Errors!);
        return result.Outcome == PaymentOutcome.Done ? TypedResults.Created($"/api/v1/money/currencies/{result.Value!.Code}", CurrencyRun.From(result.Value)) : RefusedProblem(result);
    }

    private static async Task<Results<Created<AccountResponse>, ValidationProblem, ProblemHttpResult>> Open(string code, HttpRequest request, ClaimsPrincipal principal,
        CurrencyOperations operations, Store store)
    {
        var (body, problem) = request.ContentLength is null or 0 && !request.HasJsonContentType() ? (new OpenAccountRequest(null), null) : await ReadAsync<OpenAccountRequest>(request);
        if (problem is not null) return problem switch { ValidationProblem invalid => invalid, _ => (ProblemHttpResult)problem };
        var result = await operations.OpenAccountAsync(principal.ToUser()!, code, body!.OrganizationId);
        if (result.Outcome == PaymentOutcome.Invalid) return Problems.InvalidParameters(result.Errors!);
        if (result.Outcome != PaymentOutcome.Done) return RefusedProblem(result);
        var currency = await CurrencyOfAsync(store, code);
        return TypedResults.Created($"/api/v1/money/currencies/{currency.Code}/accounts/{result.Value!.PublicId}", AccountResponse.From(currency, result.Value));
    }

    private static async Task<Results<Ok<AccountResponse>, ValidationProblem, ProblemHttpResult>> Change(string code, string account, HttpRequest request,
        ClaimsPrincipal principal, CurrencyOperations operations, Store store)
    {
        var (body, problem) = await ReadAsync<ChangeAccountRequest>(request);
        if (problem is not null) return problem switch { ValidationProblem invalid => invalid, _ => (ProblemHttpResult)problem };
        var result = await operations.ChangeAccountAsync(principal.ToUser()!, code, account, body!.CreditLimit, body.Frozen);
        if (result.Outcome == PaymentOutcome.Invalid) return Problems.InvalidParameters(result.Errors!);
        return result.Outcome == PaymentOutcome.Done ? TypedResults.Ok(AccountResponse.From(await CurrencyOfAsync(store, code), result.Value!)) : RefusedProblem(result);
    }

    private static async Task<Results<Ok<IReadOnlyList<AcceptanceResponse>>, ProblemHttpResult>> ListAcceptance(string code, ClaimsPrincipal principal, Store store)
    {
        await using var connection = await store.OpenAsync();
        if (await PaymentQueries.CurrencyAsync(connection, code) is not { } c) return NoCurrency(code);
        if (!await CurrencyOperations.IsOperatorAsync(connection, c, principal.ToUser())) return EditResponses.Forbidden($"Only the operator of {c.Code} confirms who accepts it.");
        return TypedResults.Ok<IReadOnlyList<AcceptanceResponse>>((await CurrencyAcceptance.ListAsync(connection, c)).Select(AcceptanceResponse.From).ToList());
    }

    private static async Task<Results<Ok<AcceptanceResponse>, ValidationProblem, ProblemHttpResult>> AcceptanceAsync(Task<PaymentResult<AcceptanceRow>> change)
    {
        var result = await change;
        if (result.Outcome == PaymentOutcome.Invalid) return Problems.InvalidParameters(result.Errors!);
        return result.Outcome == PaymentOutcome.Done ? TypedResults.Ok(AcceptanceResponse.From(result.Value!)) : RefusedProblem(result);
    }

    private static async Task<Results<Ok<CurrencyRun>, ValidationProblem, ProblemHttpResult>> SetCharges(string code, HttpRequest request, ClaimsPrincipal principal,
        CurrencyOperations operations)
    {
        var (body, problem) = await ReadAsync<ChargesRequest>(request);
        if (problem is not null) return problem switch { ValidationProblem invalid => invalid, _ => (ProblemHttpResult)problem };
        var result = await operations.SetChargesAsync(principal.ToUser()!, code, body!.ToDraft());
        if (result.Outcome == PaymentOutcome.Invalid) return Problems.InvalidParameters(result.Errors!);
        return result.Outcome == PaymentOutcome.Done ? TypedResults.Ok(CurrencyRun.From(result.Value!)) : RefusedProblem(result);
    }

    /// <summary>201 with the period charged; 200 with the earlier run when this month's demurrage was charged already.</summary>
    private static async Task<Results<Created<DemurrageRunResponse>, Ok<DemurrageRunResponse>, ProblemHttpResult>> ChargeDemurrage(string code, ClaimsPrincipal principal,
        Movements movements, Store store)
    {
        var result = await movements.ChargeDemurrageAsync(principal.ToUser()!, code);
        if (result.Outcome is not (PaymentOutcome.Done or PaymentOutcome.Replayed)) return RefusedProblem(result);
        var response = DemurrageRunResponse.From(await CurrencyOfAsync(store, code), result.Value!);
        return result.Outcome == PaymentOutcome.Done ? TypedResults.Created($"/api/v1/money/currencies/{response.Currency}/audit", response) : TypedResults.Ok(response);
    }

    private static async Task<Results<Created<PaymentRequestResponse>, ValidationProblem, ProblemHttpResult>> CreateRequest(string code, HttpRequest request,
        ClaimsPrincipal principal, PaymentRequests requests, Store store)
    {
        var (body, problem) = await ReadAsync<PaymentRequestRequest>(request);
        if (problem is not null) return problem switch { ValidationProblem invalid => invalid, _ => (ProblemHttpResult)problem };
        var result = await requests.CreateAsync(principal.ToUser()!, code, body!.To, body.Amount, body.Memo);
        if (result.Outcome == PaymentOutcome.Invalid) return Problems.InvalidParameters(result.Errors!);
        if (result.Outcome != PaymentOutcome.Done) return RefusedProblem(result);
        return TypedResults.Created($"/api/v1/money/requests/{result.Value!.Token}", PaymentRequestResponse.From(result.Value, await CurrencyOfAsync(store, code)));
    }

    /// <summary>A movement: 201 when written, 200 with the same movement when its idempotency key was seen before.</summary>
    private static async Task<Results<Created<TransferResponse>, Ok<TransferResponse>, ValidationProblem, ProblemHttpResult>> MoveAsync(
        string code, HttpRequest request, Store store, Func<MovementDraft, Task<PaymentResult<PayTransfer>>> move)
    {
        var (body, problem) = await ReadAsync<MovementRequest>(request);
        if (problem is not null) return problem switch { ValidationProblem invalid => invalid, _ => (ProblemHttpResult)problem };
        var result = await move(body!.ToDraft());
        if (result.Outcome == PaymentOutcome.Invalid) return Problems.InvalidParameters(result.Errors!);
        if (result.Outcome == PaymentOutcome.Busy) request.HttpContext.Response.Headers.RetryAfter = StoreUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (result.Outcome is not (PaymentOutcome.Done or PaymentOutcome.Replayed)) return RefusedProblem(result);
        var response = TransferResponse.Of(await CurrencyOfAsync(store, code), result.Value!);
        return result.Outcome == PaymentOutcome.Done ? TypedResults.Created($"/api/v1/money/currencies/{response.Currency}/ledger/entries/{response.LedgerIndex}", response) : TypedResults.Ok(response);
    }

    internal static async Task<PayCurrency> CurrencyOfAsync(Store store, string code)
    {
        await using var connection = await store.OpenAsync();
        return (await PaymentQueries.CurrencyAsync(connection, code))!;
    }

    internal static ProblemHttpResult NoCurrency(string code) => Problems.NotFound($"There is no currency {PaymentInput.Short(code)} run here.");

    /// <summary>The problem detail of an operation that did not happen; a limit that would break is 422 with the reason, a busy ledger 503.</summary>
    internal static ProblemHttpResult RefusedProblem<T>(PaymentResult<T> result) => result.Outcome switch
    {
        PaymentOutcome.Busy => TypedResults.Problem(detail: result.Detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The ledger is busy"),
        PaymentOutcome.Forbidden => EditResponses.Forbidden(result.Detail),
        PaymentOutcome.NotFound => Problems.NotFound(result.Detail!),
        PaymentOutcome.Refused => TypedResults.Problem(detail: result.Detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Payment refused"),
        _ => TypedResults.Problem(detail: result.Detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
    };

    internal static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request) where T : class =>
        request.HasJsonContentType()
            ? await JsonBody.ReadAsync<T>(request, PaymentInput.MaxBodyBytes)
            : (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the body as application/json."));
}
