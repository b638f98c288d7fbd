using System.Security.Claims;
using System.Security.Cryptography;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Payments;
using Coopdir.Core.Payments.Ledger;
using Coopdir.Safety;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using QRCoder;

namespace Coopdir.Payments;

/// <summary>
/// The money pages, which work without JavaScript: a currency's transparency page, the accounts a person holds, an
/// account's statement (with the form to ask for a payment), and a payment request: its link and QR code, and the
/// form the payer confirms it with. The pay form carries an idempotency key made when the page was shown, so
/// pressing "Pay" twice pays once.
/// </summary>
public static class PaymentPages
{
    internal static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription().RequireAntiforgery();
        pages.MapGet("/money/{code}", Transparency);
        pages.MapGet("/pay/{token}", Pay);
        pages.MapGet("/pay/{token}/qr.svg", Qr);
        var signedIn = pages.MapGroup("").RequireAuthorization(Access.Web(Roles.Contributor));
        signedIn.MapGet("/money/accounts", MyAccounts);
        signedIn.MapGet("/money/{code}/accounts/{account}", Statement);
        var forms = signedIn.MapGroup("").AddEndpointFilter(RefuseTooLarge)
            .WithMetadata(new RequestSizeLimitAttribute(PaymentInput.MaxBodyBytes));
        forms.MapPost("/money/{code}/accounts", OpenAccount).RequireRateLimiting(RateLimits.Writes);
        forms.MapPost("/money/{code}/accounts/{account}/requests", AskToBePaid).RequireRateLimiting(RateLimits.Writes);
        forms.MapPost("/money/{code}/acceptance/{account}", Accept).RequireRateLimiting(RateLimits.Writes);
        forms.MapPost("/pay/{token}", Confirm).RequireRateLimiting(RateLimits.Payments);
    }

    private static async Task<IResult> Transparency(string code, Store store, TimeProvider clock, ClaimsPrincipal principal)
    {
        await using var connection = await store.OpenForReadingAsync();
        if (await PaymentQueries.CurrencyAsync(connection, code) is not { } currency) return NotFoundPages.Show($"There is no currency {PaymentInput.Short(code)} run here.");
        var totals = await PaymentQueries.TotalsAsync(connection, currency, clock.GetUtcNow());
        var deposits = currency.Model == MoneyModel.ReserveBacked ? await PaymentQueries.MovementsAsync(connection, currency.Id, TransferKind.ReserveDeposit) : [];
        var head = await LedgerLog.HeadAsync(connection, currency);
        var recent = head is null ? [] : await LedgerLog.EntriesAsync(connection, currency.Id, Math.Max(0, head.TreeSize - 20), 20);
        var user = principal.ToUser();
        var held = user is null ? [] : (await PaymentQueries.HeldByAsync(connection, user.Id)).Where(a => a.CurrencyId == currency.Id).ToList();
        var acceptance = await CurrencyOperations.IsOperatorAsync(connection, currency, user) ? await CurrencyAcceptance.ListAsync(connection, currency) : null;
        return new RazorComponentResult<TransparencyPage>(new
        {
            Currency = currency, Totals = PaymentsEndpoints.TotalsOf(currency, totals), Deposits = deposits, Head = head,
            Recent = recent.Reverse().ToList(), SignedIn = user is not null, Held = held, Acceptance = acceptance,
        });
    }

    private static async Task<IResult> MyAccounts(ClaimsPrincipal principal, Store store)
    {
        await using var connection = await store.OpenAsync();
        var currencies = (await PaymentQueries.CurrenciesAsync(connection)).ToDictionary(c => c.Id);
        var accounts = (await PaymentQueries.HeldByAsync(connection, principal.ToUser()!.Id)).Select(a => AccountResponse.From(currencies[a.CurrencyId], a)).ToList();
        return new RazorComponentResult<MyAccountsPage>(new { Accounts = accounts, Currencies = currencies.Values.ToList() });
    }

    private static async Task<IResult> OpenAccount(string code, HttpRequest request, ClaimsPrincipal principal, CurrencyOperations operations)
    {
        var form = await request.ReadFormAsync();
        long? organization = long.TryParse(form["organization_id"], out var id) ? id : null;
        var result = await operations.OpenAccountAsync(principal.ToUser()!, code, organization);
        if (result.Outcome == PaymentOutcome.Done) return TypedResults.Redirect($"/money/{Uri.EscapeDataString(code.Trim().ToUpperInvariant())}/accounts/{result.Value!.PublicId}");
        return ErrorPage(result.Detail ?? string.Join("; ", result.Errors!.Select(e => $"{e.Field}: {e.Message}")), result.Outcome);
    }

    /// <summary>The operator's control on the transparency page: confirm (accepts=true) or withdraw that an organization accepts the currency.</summary>
    private static async Task<IResult> Accept(string code, string account, HttpRequest request, ClaimsPrincipal principal, CurrencyAcceptance acceptance)
    {
        var form = await request.ReadFormAsync();
        var user = principal.ToUser()!;
        var result = form["accepts"] == "true" ? await acceptance.ConfirmAsync(user, code, account) : await acceptance.WithdrawAsync(user, code, account);
        if (result.Outcome == PaymentOutcome.Done) return TypedResults.Redirect($"/money/{Uri.EscapeDataString(code.Trim().ToUpperInvariant())}#acceptance");
        return ErrorPage(result.Detail ?? string.Join("; ", result.Errors!.Select(e => $"{e.Field}: {e.Message}")), result.Outcome);
    }

    private static Task<IResult> Statement(string code, string account, ClaimsPrincipal principal, Store store) =>
        StatementPageAsync(code, account, principal, store, [], null, StatusCodes.Status200OK);

    private static async Task<IResult> StatementPageAsync(string code, string account, ClaimsPrincipal principal, Store store, IReadOnlyList<FieldError> errors,
        IFormCollection? sent, int status)
    {
        await using var connection = await store.OpenAsync();
        var user = principal.ToUser();
        var (currency, found, problem) = await PaymentStatements.VisibleAsync(connection, code, account, user);
        if (problem is not null) return NotFoundPages.Show(problem.ProblemDetails.Detail ?? "Not found.");
        var lines = await PaymentQueries.StatementAsync(connection, found!.Id, null, PaymentStatements.PageSize);
        return new RazorComponentResult<StatementPage>(new
        {
            Currency = currency!, Account = AccountResponse.From(currency!, found), Lines = lines.Select(t => PaymentStatements.Line(currency!, found, t)).ToList(),
            IsHolder = await CurrencyOperations.HoldsAsync(connection, found, user), Errors = errors, Sent = sent,
        }) { StatusCode = status };
    }

    private static async Task<IResult> AskToBePaid(string code, string account, HttpRequest request, ClaimsPrincipal principal, PaymentRequests requests, Store store)
    {
        var form = await request.ReadFormAsync();
        var result = await requests.CreateAsync(principal.ToUser()!, code, account, form["amount"], form["memo"]);
        if (result.Outcome == PaymentOutcome.Done) return TypedResults.Redirect($"/pay/{result.Value!.Token}");
        if (result.Outcome == PaymentOutcome.Invalid) return await StatementPageAsync(code, account, principal, store, result.Errors!, form, StatusCodes.Status400BadRequest);
        return ErrorPage(result.Detail!, result.Outcome);
    }

    private static Task<IResult> Pay(string token, Store store, ClaimsPrincipal principal, HttpRequest request) =>
        PayPageAsync(token, store, principal, request, null, StatusCodes.Status200OK);

    private static async Task<IResult> PayPageAsync(string token, Store store, ClaimsPrincipal principal, HttpRequest request, string? error, int status)
    {
        await using var connection = await store.OpenAsync();
        if (await PaymentRequests.GetAsync(connection, token) is not { } paymentRequest) return NotFoundPages.Show("There is no such payment request.");
        var user = principal.ToUser();
        var accounts = user is null ? [] : (await PaymentQueries.HeldByAsync(connection, user.Id))
            .Where(a => a.CurrencyId == paymentRequest.CurrencyId && a.Id != paymentRequest.PayeeId).ToList();
        var currency = (await PaymentQueries.CurrencyAsync(connection, paymentRequest.Code))!;
        return new RazorComponentResult<PayPage>(new
        {
            Request = paymentRequest, Currency = currency, Link = LinkOf(request, token), SignedIn = user is not null,
            Accounts = accounts.Select(a => AccountResponse.From(currency, a)).ToList(),
            IdempotencyKey = "pay-" + RandomNumberGenerator.GetHexString(24, lowercase: true), Error = error,
        }) { StatusCode = status };
    }

    private static async Task<IResult> Confirm(string token, HttpRequest request, ClaimsPrincipal principal, Movements movements, Store store)
    {
        var form = await request.ReadFormAsync();
        PaymentRequest? paymentRequest;
        await using (var connection = await store.OpenAsync()) paymentRequest = await PaymentRequests.GetAsync(connection, token);
        if (paymentRequest is null) return NotFoundPages.Show("There is no such payment request.");
        var result = await movements.TransferAsync(principal.ToUser()!, paymentRequest.Code,
            new MovementDraft(form["from"], null, null, null, form["idempotency_key"], token));
        if (result.Outcome is PaymentOutcome.Done or PaymentOutcome.Replayed) return TypedResults.Redirect($"/pay/{token}");
        var message = result.Detail ?? string.Join("; ", result.Errors!.Select(e => $"{e.Field}: {e.Message}"));
        return await PayPageAsync(token, store, principal, request, message, result.Outcome switch
        {
            PaymentOutcome.Invalid => StatusCodes.Status400BadRequest,
            PaymentOutcome.Forbidden => StatusCodes.Status403Forbidden,
            PaymentOutcome.Refused => StatusCodes.Status422UnprocessableEntity,
            PaymentOutcome.Busy => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status409Conflict,
        });
    }

    /// <summary>The request's link as a QR code (SVG), for a till's screen or a printed sign.</summary>
    private static async Task<IResult> Qr(string token, Store store, HttpRequest request)
    {
        await using (var connection = await store.OpenAsync())
            if (await PaymentRequests.GetAsync(connection, token) is null) return NotFoundPages.Show("There is no such payment request.");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(LinkOf(request, token), QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(8);
        return TypedResults.Text(svg, "image/svg+xml");
    }

    // Reads a form before anti-forgery does (which would fail on one too large with a 500), so that one past the limit is a 413.
    private static async ValueTask<object?> RefuseTooLarge(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            if (context.HttpContext.Request.HasFormContentType) await context.HttpContext.Request.ReadFormAsync();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(detail: $"The request is larger than {PaymentInput.MaxBodyBytes / 1024} KB.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large");
        }
        return await next(context);
    }

    private static string LinkOf(HttpRequest request, string token) => $"{PublicUrl.Of(request)}/pay/{Uri.EscapeDataString(token)}";

    private static IResult ErrorPage(string message, PaymentOutcome outcome) => outcome == PaymentOutcome.NotFound
        ? NotFoundPages.Show(message)
        : new RazorComponentResult<MoneyErrorPage>(new { Message = message })
        {
            StatusCode = outcome switch
            {
                PaymentOutcome.Forbidden => StatusCodes.Status403Forbidden,
                PaymentOutcome.Invalid => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status409Conflict,
            },
        };
}
