using System.Security.Claims;
using System.Text.Json;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Payments;
using Coopdir.Core.Payments.Clearing;
using Coopdir.Safety;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coopdir.Payments;

/// <summary>
/// Clearing between currencies: the operators' agreements, cross-currency payments, and the protocol's calls between
/// instances (prepare, commit, abort, and the outcome of a transfer). The protocol's calls carry no account: they
/// are signed with the agreement's shared secret (<see cref="ClearingSignature"/>). See docs/api.md, "Clearing".
/// </summary>
public static class ClearingEndpoints
{
    private const int MaxProtocolBody = 4 * 1024;

    public static IServiceCollection AddClearing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClearingOptions>().Bind(configuration.GetSection("Clearing"))
            .Validate(o => o.RetrySeconds > 0 && o.PrepareTimeoutSeconds > 0 && o.PeerTimeoutSeconds > 0, "Clearing: every number of seconds must be positive")
            .ValidateOnStart();
        services.AddSingleton(s => new ClearingPeerClient(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(s.GetRequiredService<IOptions<ClearingOptions>>().Value.PeerTimeoutSeconds),
            MaxResponseContentBufferSize = MaxProtocolBody,
        }));
        services.AddSingleton<ClearingAgreements>().AddSingleton<ClearingParticipant>().AddSingleton<ClearingPayments>().AddSingleton<ClearingRecovery>();
        services.AddHostedService<ClearingRecoveryService>();
        return services;
    }

    public static void MapClearing(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/money/currencies/{code}/clearing").WithTags("Money: clearing");
        var signedIn = api.MapGroup("").RequireAuthorization(Access.Api(Roles.Contributor));
        signedIn.MapGet("/agreements", ListAgreements).WithSummary("The currency's clearing agreements and clearing accounts (operator only)");
        signedIn.MapPost("/agreements", CreateAgreement).RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Record this side of a clearing agreement with a peer currency, here or on another instance (operator only)");
        signedIn.MapPost("/transfers", Pay).RequireRateLimiting(RateLimits.Payments)
            .WithSummary("Pay an account of the peer currency at the agreed rate: both legs commit or neither; exactly once per idempotency_key");

        // The protocol between instances: signed with the agreement's secret, idempotent by transfer id.
        var protocol = api.MapGroup("/{agreement}").AddEndpointFilter(SignAnswerAsync);
        protocol.MapPost("/prepare", (string code, string agreement, HttpRequest r, ClearingParticipant p) =>
            SignedAsync<PrepareMessage>(code, agreement, r, p, (c, g, m) => p.PrepareAsync(c, g, m))).WithSummary("Protocol: reserve the credit of a transfer");
        protocol.MapPost("/commit", (string code, string agreement, HttpRequest r, ClearingParticipant p) =>
            SignedAsync<DecisionMessage>(code, agreement, r, p, (c, g, m) => p.DecideAsync(c, g, m.TransferId, commit: true))).WithSummary("Protocol: write the prepared credit");
        protocol.MapPost("/abort", (string code, string agreement, HttpRequest r, ClearingParticipant p) =>
            SignedAsync<DecisionMessage>(code, agreement, r, p, (c, g, m) => p.DecideAsync(c, g, m.TransferId, commit: false))).WithSummary("Protocol: drop a transfer");
        protocol.MapGet("/transfers/{transfer}", (string code, string agreement, string transfer, HttpRequest r, ClearingParticipant p) =>
            SignedAsync<DecisionMessage>(code, agreement, r, p, (c, g, _) => p.OutcomeAsync(c, g, transfer))).WithSummary("Protocol: how a transfer this side coordinates ended");
    }

    private static async Task<Results<Ok<IReadOnlyList<AgreementResponse>>, ProblemHttpResult>> ListAgreements(string code, ClaimsPrincipal principal, Store store)
    {
        await using var connection = await store.OpenAsync();
        if (await PaymentQueries.CurrencyAsync(connection, code) is not { } currency) return PaymentsEndpoints.NoCurrency(code);
        if (!await CurrencyOperations.IsOperatorAsync(connection, currency, principal.ToUser()))
            return Edits.EditResponses.Forbidden($"Only the operator of {currency.Code} may see its clearing agreements.");
        return TypedResults.Ok<IReadOnlyList<AgreementResponse>>((await ClearingAgreements.ListAsync(connection, currency.Id)).Select(g => AgreementResponse.From(currency, g)).ToList());
    }

    private static async Task<Results<Created<AgreementResponse>, ValidationProblem, ProblemHttpResult>> CreateAgreement(string code, HttpRequest request,
        ClaimsPrincipal principal, ClearingAgreements agreements, Store store)
    {
        var (body, problem) = await PaymentsEndpoints.ReadAsync<CreateAgreementRequest>(request);
        if (problem is not null) return problem switch { ValidationProblem invalid => invalid, _ => (ProblemHttpResult)problem };
        var result = await agreements.CreateAsync(principal.ToUser()!, code, body!.ToDraft());
        if (result.Outcome == PaymentOutcome.Invalid) return Problems.InvalidParameters(result.Errors!);
        if (result.Outcome != PaymentOutcome.Done) return PaymentsEndpoints.RefusedProblem(result);
        var currency = await PaymentsEndpoints.CurrencyOfAsync(store, code);
        return TypedResults.Created($"/api/v1/money/currencies/{currency.Code}/clearing/agreements", AgreementResponse.From(currency, result.Value!));
    }

    /// <summary>201 when both legs are committed, 200 replaying an idempotency key, 422 (with the transfer) when it was refused or aborted.</summary>
    private static async Task<Results<Created<ClearingPaymentResponse>, Ok<ClearingPaymentResponse>, UnprocessableEntity<ProblemWithTransfer>, ValidationProblem, ProblemHttpResult>> Pay(
        string code, HttpRequest request, ClaimsPrincipal principal, ClearingPayments payments, Store store)
    {
        var (body, problem) = await PaymentsEndpoints.ReadAsync<ClearingPaymentRequest>(request);
        if (problem is not null) return problem switch { ValidationProblem invalid => invalid, _ => (ProblemHttpResult)problem };
        var result = await payments.PayAsync(principal.ToUser()!, code, body!.ToDraft());
        if (result.Outcome == PaymentOutcome.Invalid) return Problems.InvalidParameters(result.Errors!);
        if (result.Value is null) return PaymentsEndpoints.RefusedProblem(result);
        await using var connection = await store.OpenAsync();
        var currency = (await PaymentQueries.CurrencyAsync(connection, code))!;
        var agreement = (await ClearingAgreements.GetAsync(connection, currency.Id, body.Agreement!))!;
        var response = ClearingPaymentResponse.Of(currency, agreement, result.Value);
        return result.Outcome switch
        {
            PaymentOutcome.Done => TypedResults.Created($"/api/v1/money/currencies/{currency.Code}/ledger/entries/{response.LedgerIndex}", response),
            _ when response.State == ClearingState.Aborted => TypedResults.UnprocessableEntity(new ProblemWithTransfer("Payment refused", 422, response.Reason ?? "The payment was aborted.", response)),
            _ => TypedResults.Ok(response),
        };
    }

    /// <summary>Finds the agreement of the route, checks the signature over the raw body, then reads it.</summary>
    private static async Task<Results<Ok<ClearingStateMessage>, ValidationProblem, ProblemHttpResult>> SignedAsync<T>(string code, string agreementName, HttpRequest request,
        ClearingParticipant participant, Func<PayCurrency, ClearingAgreement, T, Task<PaymentResult<ClearingStateMessage>>> handle) where T : class
    {
        // Read first: a connection kept alive is left clean whatever the answer.
        var body = await BodyLimits.ReadAsync(request, MaxProtocolBody);
        if (body is null) return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large", detail: $"A protocol call is at most {MaxProtocolBody:N0} bytes.");
        if (await participant.FindAsync(code, agreementName) is not var (currency, agreement, secret))
            return Problems.NotFound($"There is no clearing agreement {PaymentInput.Short(agreementName)} with another instance for currency {PaymentInput.Short(code)} here.");
        if (!ClearingSignature.IsValid(secret, request.Method, request.Path.Value ?? "", body, request.Headers[ClearingSignature.Header].FirstOrDefault()))
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Bad signature",
                detail: $"The {ClearingSignature.Header} header is missing or is not the HMAC-SHA256 of this call under agreement {agreement.Name}'s secret.");
        request.HttpContext.Items[AnswerSecret] = secret;
        T? message;
        try
        {
            message = HttpMethods.IsGet(request.Method) ? null : JsonSerializer.Deserialize<T>(body, PublicJson.Options);
            if (message is null && !HttpMethods.IsGet(request.Method)) return Problems.InvalidParameters([new("body", "must be a JSON object")]);
        }
        catch (JsonException e)
        {
            return Problems.InvalidParameters([new("body", e.Message.Split(" Path:")[0])]);
        }
        var result = await handle(currency, agreement, message!);
        if (result.Outcome == PaymentOutcome.Invalid) return Problems.InvalidParameters(result.Errors!);
        return result.Outcome is PaymentOutcome.Done or PaymentOutcome.Replayed ? TypedResults.Ok(result.Value!) : PaymentsEndpoints.RefusedProblem(result);
    }

    private const string AnswerSecret = "clearing.answer-secret";

    /// <summary>
    /// Signs a 2xx answer of a signed call with the agreement's secret (<see cref="ClearingSignature.SignAnswer"/>): the
    /// answer is written to a buffer first, since the signature, a header, covers the body that follows it.
    /// </summary>
    private static async ValueTask<object?> SignAnswerAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (result is not IResult answer || http.Items[AnswerSecret] is not string secret) return result;
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await answer.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        if (http.Response.StatusCode is >= 200 and < 300)
            http.Response.Headers[ClearingSignature.Header] = ClearingSignature.SignAnswer(secret, http.Request.Method, http.Request.Path.Value ?? "", buffer.ToArray());
        http.Response.ContentLength = buffer.Length;
        await original.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        return Results.Empty;
    }
}

/// <summary>A refused or aborted payment: the problem detail, and the transfer as it stands.</summary>
public sealed record ProblemWithTransfer(string Title, int Status, string Detail, ClearingPaymentResponse Transfer);

/// <summary>How often the recovery runs and how long a payment may wait for its peer; bound from "Clearing".</summary>
public sealed class ClearingOptions
{
    public int RetrySeconds { get; set; } = 10;
    public int PrepareTimeoutSeconds { get; set; } = 60;
    public int PeerTimeoutSeconds { get; set; } = 10;
}

/// <summary>Runs <see cref="ClearingRecovery"/> when the server starts and every <see cref="ClearingOptions.RetrySeconds"/>.</summary>
public sealed class ClearingRecoveryService(ClearingRecovery recovery, IOptions<ClearingOptions> options, ILogger<ClearingRecoveryService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start: on SQLite the first pass could otherwise run to its end before the server listens.
        await Task.Yield();
        var every = TimeSpan.FromSeconds(options.Value.RetrySeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await recovery.RunOnceAsync(TimeSpan.FromSeconds(options.Value.PrepareTimeoutSeconds));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store or a peer being away is the normal case here: the next pass tries again.
                log.LogWarning(e, "Clearing recovery pass failed; retrying in {Seconds} s", options.Value.RetrySeconds);
            }
            try { await Task.Delay(every, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }
}
