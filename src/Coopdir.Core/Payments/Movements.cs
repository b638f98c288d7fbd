using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Payments.Ledger;
using Microsoft.Extensions.Logging;

namespace Coopdir.Core.Payments;

/// <summary>
/// Every movement of money, in one place: transfers between members, issuance and redemption, reserve deposits.
/// A movement is double-entry (the debit and the credit in one write), exactly-once (the client's idempotency key;
/// a retry gets the first answer), appended to the public ledger in the same write, and refused with its reason
/// when it would take an account below its floor, touch a frozen account or pass the operator's cap. Movements of
/// one currency take turns on its row (<see cref="LedgerLog.LockAsync"/>), so two payments that together exceed
/// a balance cannot both pass: the balance each checks is the one the other left. Those waiting for the row share
/// a write and its flush to disk (<see cref="GroupCommit"/>).
/// </summary>
public sealed partial class Movements(Store store, TimeProvider clock, ILogger<Movements> log)
{
    private readonly GroupCommit batches = new(store, clock, log);

    /// <summary>The holder of <c>from</c> pays the member account <c>to</c>; with <c>request</c>, pays that payment request.</summary>
    public async Task<PaymentResult<PayTransfer>> TransferAsync(User user, string code, MovementDraft draft)
    {
        var errors = PaymentInput.Check(draft, needsFrom: true, needsTo: draft.Request is null || draft.To is not null);
        if (errors.Count > 0) return PaymentResult<PayTransfer>.Invalid(errors);
        await using var connection = await store.OpenAsync();
        var currency = await PaymentQueries.CurrencyAsync(connection, code);
        if (currency is null) return NoCurrency(code);
        var from = await PaymentQueries.AccountAsync(connection, currency.Id, draft.From!);
        if (from is null) return PaymentResult<PayTransfer>.Invalid("from", $"there is no account {PaymentInput.Short(draft.From!)} in {currency.Code}");
        if (!await CurrencyOperations.HoldsAsync(connection, from, user))
            return PaymentResult<PayTransfer>.Forbidden($"Only the holder of account {from.PublicId} may pay from it.");
        PaymentRequest? request = null;
        if (draft.Request is { } token)
        {
            request = await PaymentRequests.GetAsync(connection, token);
            if (request is null || request.CurrencyId != currency.Id) return PaymentResult<PayTransfer>.Invalid("request", $"there is no payment request {PaymentInput.Short(token)} in {currency.Code}");
            if (draft.To is not null && draft.To.Trim() != request.PayeePublicId) return PaymentResult<PayTransfer>.Invalid("to", "is not the payee of the request");
            if (draft.Amount is not null && Amounts.Parse(draft.Amount, currency.Decimals).Minor != request.Amount)
                return PaymentResult<PayTransfer>.Invalid("amount", $"is not the requested amount, {currency.Format(request.Amount)}");
        }
        var to = await PaymentQueries.AccountAsync(connection, currency.Id, request?.PayeePublicId ?? draft.To!);
        if (to is not { Role: AccountRole.Member }) return PaymentResult<PayTransfer>.Invalid("to", $"there is no member account {PaymentInput.Short(draft.To ?? "")} in {currency.Code}");
        if (from.Role == AccountRole.Issuer) return PaymentResult<PayTransfer>.Invalid("from", "the issuer's account moves money only by issuance and redemption");
        if (from.Id == to.Id) return PaymentResult<PayTransfer>.Invalid("to", "is the account paying: pay another account");
        var amount = request?.Amount ?? 0;
        if (request is null)
        {
            var (minor, error) = Amounts.Parse(draft.Amount, currency.Decimals);
            if (error is not null) return PaymentResult<PayTransfer>.Invalid("amount", error);
            amount = minor;
        }
        // The read connection goes back to the pool before the wait for the write: held by every payer waiting, it
        // could leave none for the write they wait for.
        await connection.DisposeAsync();
        return await MoveAsync(user, currency, TransferKind.Transfer, from, to, amount, draft.Memo ?? request?.Memo, draft.IdempotencyKey!, request?.Id);
    }

    /// <summary>The operator issues units to a member account: under the published rule, or against the reserve.</summary>
    public async Task<PaymentResult<PayTransfer>> IssueAsync(User user, string code, MovementDraft draft)
    {
        var errors = PaymentInput.Check(draft, needsFrom: false, needsTo: true);
        if (errors.Count > 0) return PaymentResult<PayTransfer>.Invalid(errors);
        await using var connection = await store.OpenAsync();
        var currency = await PaymentQueries.CurrencyAsync(connection, code);
        if (currency is null) return NoCurrency(code);
        if (!await CurrencyOperations.IsOperatorAsync(connection, currency, user)) return NotOperator(currency, "issue");
        if (currency.Model == MoneyModel.MutualCredit)
            return PaymentResult<PayTransfer>.Refused($"{currency.Code} is mutual credit: units come into being when members pay on credit, never by issuance.");
        var to = await PaymentQueries.AccountAsync(connection, currency.Id, draft.To!);
        if (to is not { Role: AccountRole.Member }) return PaymentResult<PayTransfer>.Invalid("to", $"there is no member account {PaymentInput.Short(draft.To!)} in {currency.Code}");
        var (amount, error) = Amounts.Parse(draft.Amount, currency.Decimals);
        if (error is not null) return PaymentResult<PayTransfer>.Invalid("amount", error);
        var issuer = (await PaymentQueries.IssuerAsync(connection, currency.Id))!;
        // Back to the pool before the wait for the write (see TransferAsync).
        await connection.DisposeAsync();
        return await MoveAsync(user, currency, TransferKind.Issuance, issuer, to, amount, draft.Memo, draft.IdempotencyKey!, null);
    }

    /// <summary>Units go back to the issuer and the reserve pays them out (reserve-backed): by the holder or the operator.</summary>
    public async Task<PaymentResult<PayTransfer>> RedeemAsync(User user, string code, MovementDraft draft)
    {
        var errors = PaymentInput.Check(draft, needsFrom: true, needsTo: false);
        if (errors.Count > 0) return PaymentResult<PayTransfer>.Invalid(errors);
        await using var connection = await store.OpenAsync();
        var currency = await PaymentQueries.CurrencyAsync(connection, code);
        if (currency is null) return NoCurrency(code);
        if (currency.Model != MoneyModel.ReserveBacked) return PaymentResult<PayTransfer>.Refused($"{currency.Code} is not reserve-backed: it has no reserve to redeem against.");
        var from = await PaymentQueries.AccountAsync(connection, currency.Id, draft.From!);
        if (from is not { Role: AccountRole.Member }) return PaymentResult<PayTransfer>.Invalid("from", $"there is no member account {PaymentInput.Short(draft.From!)} in {currency.Code}");
        if (!await CurrencyOperations.HoldsAsync(connection, from, user) && !await CurrencyOperations.IsOperatorAsync(connection, currency, user))
            return PaymentResult<PayTransfer>.Forbidden($"Only the holder of account {from.PublicId} or the operator may redeem from it.");
        var (amount, error) = Amounts.Parse(draft.Amount, currency.Decimals);
        if (error is not null) return PaymentResult<PayTransfer>.Invalid("amount", error);
        var issuer = (await PaymentQueries.IssuerAsync(connection, currency.Id))!;
        // Back to the pool before the wait for the write (see TransferAsync).
        await connection.DisposeAsync();
        return await MoveAsync(user, currency, TransferKind.Redemption, from, issuer, amount, draft.Memo, draft.IdempotencyKey!, null);
    }

    /// <summary>The operator records money put into the reserve (reserve-backed): issuance may then draw on it.</summary>
    public async Task<PaymentResult<PayTransfer>> DepositReserveAsync(User user, string code, MovementDraft draft)
    {
        var errors = PaymentInput.Check(draft, needsFrom: false, needsTo: false);
        if (errors.Count > 0) return PaymentResult<PayTransfer>.Invalid(errors);
        await using var connection = await store.OpenAsync();
        var currency = await PaymentQueries.CurrencyAsync(connection, code);
        if (currency is null) return NoCurrency(code);
        if (!await CurrencyOperations.IsOperatorAsync(connection, currency, user)) return NotOperator(currency, "record reserve deposits of");
        if (currency.Model != MoneyModel.ReserveBacked) return PaymentResult<PayTransfer>.Refused($"{currency.Code} is not reserve-backed: it keeps no reserve.");
        var (amount, error) = Amounts.Parse(draft.Amount, currency.Decimals);
        if (error is not null) return PaymentResult<PayTransfer>.Invalid("amount", error);
        // Back to the pool before the wait for the write (see TransferAsync).
        await connection.DisposeAsync();
        return await MoveAsync(user, currency, TransferKind.ReserveDeposit, null, null, amount, draft.Memo, draft.IdempotencyKey!, null);
    }

    private static PaymentResult<PayTransfer> NoCurrency(string code) => PaymentResult<PayTransfer>.NotFound($"There is no currency {PaymentInput.Short(code)} run here.");

    private static PaymentResult<PayTransfer> NotOperator(PayCurrency currency, string what) =>
        PaymentResult<PayTransfer>.Forbidden($"Only the operator of {currency.Code} ({currency.OperatorName}, through its verified claimers) may {what} it.");
}
