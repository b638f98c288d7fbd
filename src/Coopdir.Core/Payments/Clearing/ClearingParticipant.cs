using Coopdir.Core.Data;
using Coopdir.Core.Payments.Ledger;

namespace Coopdir.Core.Payments.Clearing;

/// <summary>
/// The payee's side of the protocol, answering the coordinator's signed calls: prepare reserves the credit against the
/// clearing account's limit and records it as prepared; commit writes the payee's leg; abort drops the reservation
/// (or, for a transfer never seen, records the abort so that a prepare arriving late is refused). All idempotent by
/// transfer id. It also answers the peer's question about transfers it coordinates (<see cref="OutcomeAsync"/>).
/// </summary>
public sealed class ClearingParticipant(Store store, TimeProvider clock)
{
    public const int MaxTransferId = 64;

    /// <summary>The currency and this side's agreement named in the route, with the secret to check the call; null when either is unknown.</summary>
    public async Task<(PayCurrency Currency, ClearingAgreement Agreement, string Secret)?> FindAsync(string code, string agreementName)
    {
        await using var connection = await store.OpenAsync();
        if (await PaymentQueries.CurrencyAsync(connection, code) is not { } currency) return null;
        if (await ClearingAgreements.GetAsync(connection, currency.Id, agreementName) is not { IsLocal: false } agreement) return null;
        return (currency, agreement, (await ClearingAgreements.SecretAsync(connection, agreement.Id))!);
    }

    public async Task<PaymentResult<ClearingStateMessage>> PrepareAsync(PayCurrency currency, ClearingAgreement agreement, PrepareMessage message)
    {
        if (CheckId(message.TransferId) is { } bad) return bad;
        // This side could not ask the coordinator how the transfer ended: it promises nothing under such an agreement.
        if (agreement.PeerUrlRefusal is { } insecure) return PaymentResult<ClearingStateMessage>.Refused($"{currency.Code}: {insecure}");
        if (message.PayerCurrency?.Trim().ToUpperInvariant() != agreement.PeerCurrency)
            return PaymentResult<ClearingStateMessage>.Invalid("payer_currency", $"agreement {agreement.Name} of {currency.Code} is with {agreement.PeerCurrency}, not {PaymentInput.Short(message.PayerCurrency ?? "")}");
        if (message.To is null || message.To.Length > PaymentInput.MaxAccountId) return PaymentResult<ClearingStateMessage>.Invalid("to", "is required: the payee's account id");
        if (message.From is null || message.From.Length > PaymentInput.MaxAccountId) return PaymentResult<ClearingStateMessage>.Invalid("from", "is required: the payer's account id");
        if (message.Memo is { Length: > PaymentInput.MaxMemo }) return PaymentResult<ClearingStateMessage>.Invalid("memo", $"is longer than {PaymentInput.MaxMemo} characters");
        // The rate each side recorded must be the same agreement seen from both ends, exactly.
        if (ClearingRate.Parse(message.RateUnits, message.RatePeerUnits).Rate is not { } theirs || theirs != agreement.Rate.Reversed)
            return PaymentResult<ClearingStateMessage>.Conflict($"Rate mismatch: {currency.Code} recorded agreement {agreement.Name} as {agreement.Rate.Reversed} ({agreement.PeerCurrency} = {currency.Code}), the payer's side sent {PaymentInput.Short(message.RateUnits ?? "")} = {PaymentInput.Short(message.RatePeerUnits ?? "")}.");
        var (paid, error) = Amounts.Parse(message.Amount, Amounts.MaxDecimals);
        if (error is not null) return PaymentResult<ClearingStateMessage>.Invalid("amount", error);
        if (agreement.Rate.Reversed.Convert(paid, Amounts.MaxDecimals, currency.Decimals) is not { } credit)
            return PaymentResult<ClearingStateMessage>.Refused($"{message.Amount} {agreement.PeerCurrency} is worth more than the largest amount of one movement in {currency.Code}.");
        if (credit == 0) return PaymentResult<ClearingStateMessage>.Refused($"{message.Amount} {agreement.PeerCurrency} is worth less than the smallest amount in {currency.Code}.");
        var transferId = message.TransferId!;
        var now = Now();
        await using var session = await store.BeginWriteAsync();
        await LedgerLog.LockAsync(session, currency.Id);
        if (await ClearingLegs.GetAsync(session, agreement.Id, transferId) is { } seen) return Answer(currency, seen);
        var payeeId = await session.ScalarAsync<long?>("SELECT id FROM pay_accounts WHERE currency_id = @Id AND public_id = @to", new { currency.Id, to = message.To.Trim() });
        var payee = payeeId is { } p ? await PaymentQueries.AccountAsync(session, p) : null;
        if (await ClearingLegs.CannotCreditAsync(session, currency, agreement, payee, message.To, credit) is { } refusal)
            return PaymentResult<ClearingStateMessage>.Refused(refusal);
        await ClearingLegs.InsertAsync(session, agreement.Id, transferId, ClearingRole.Participant, ClearingState.Prepared, payee!.Id, message.From.Trim(), credit,
            message.Amount!.Trim(), string.IsNullOrWhiteSpace(message.Memo) ? null : message.Memo.Trim(), null, null, null, false, now);
        await session.CommitAsync();
        ClearingFaults.At(ClearingFaults.ParticipantPrepared);
        return new(PaymentOutcome.Done, new(transferId, ClearingState.Prepared, currency.Format(credit)));
    }

    /// <summary>The coordinator's decision. Commit writes the payee's leg; a transfer already decided answers as it stands.</summary>
    public async Task<PaymentResult<ClearingStateMessage>> DecideAsync(PayCurrency currency, ClearingAgreement agreement, string? transferId, bool commit)
    {
        if (CheckId(transferId) is { } bad) return bad;
        var result = await DecideLocallyAsync(currency, agreement, transferId!, commit);
        if (commit && result.Outcome == PaymentOutcome.Done) ClearingFaults.At(ClearingFaults.ParticipantCommitted);
        return result;
    }

    internal async Task<PaymentResult<ClearingStateMessage>> DecideLocallyAsync(PayCurrency currency, ClearingAgreement agreement, string transferId, bool commit)
    {
        var now = Now();
        await using var session = await store.BeginWriteAsync();
        await LedgerLog.LockAsync(session, currency.Id);
        var seen = await ClearingLegs.GetAsync(session, agreement.Id, transferId);
        if (seen is null)
        {
            if (commit) return PaymentResult<ClearingStateMessage>.NotFound($"{currency.Code} holds no prepared transfer {PaymentInput.Short(transferId)} under agreement {agreement.Name}.");
            // Never prepared here: the abort is recorded, so a prepare still on its way is refused when it comes.
            await ClearingLegs.InsertAsync(session, agreement.Id, transferId, ClearingRole.Participant, ClearingState.Aborted, null, "", 0, null, null, null, null,
                "aborted before it was prepared", false, now);
            await session.CommitAsync();
            return new(PaymentOutcome.Done, new(transferId, ClearingState.Aborted, null));
        }
        if (seen.State != ClearingState.Prepared)
            return seen.State == (commit ? ClearingState.Committed : ClearingState.Aborted)
                ? new(PaymentOutcome.Replayed, Message(currency, seen))
                : PaymentResult<ClearingStateMessage>.Conflict($"Transfer {transferId} is already {seen.State} in {currency.Code}: it cannot be {(commit ? "committed" : "aborted")}.");
        long? leg = null;
        if (commit)
        {
            var clearing = (await PaymentQueries.AccountAsync(session, agreement.AccountId))!;
            var payee = (await PaymentQueries.AccountAsync(session, seen.AccountId!.Value))!;
            leg = await ClearingLegs.PayeeLegAsync(session, currency, clearing, payee, seen.Amount, seen.Memo, $"clearing:{agreement.Name}:{transferId}", now);
        }
        await ClearingLegs.MoveAsync(session, seen.Id, ClearingState.Prepared, commit ? ClearingState.Committed : ClearingState.Aborted, now, leg);
        await session.CommitAsync();
        return new(PaymentOutcome.Done, new(transferId, commit ? ClearingState.Committed : ClearingState.Aborted, currency.Format(seen.Amount)));
    }

    /// <summary>
    /// As the coordinator: how a transfer ended, for the participant holding it prepared. "unknown" only when this side
    /// never recorded it, which cannot be for a transfer it coordinates (it records before it asks): the participant may abort.
    /// </summary>
    public async Task<PaymentResult<ClearingStateMessage>> OutcomeAsync(PayCurrency currency, ClearingAgreement agreement, string? transferId)
    {
        if (CheckId(transferId) is { } bad) return bad;
        await using var connection = await store.OpenAsync();
        var seen = await ClearingLegs.GetAsync(connection, agreement.Id, transferId!);
        return new(PaymentOutcome.Done, seen is { Role: ClearingRole.Coordinator } ? new(transferId!, seen.State, seen.PeerAmount) : new(transferId!, "unknown", null));
    }

    private static PaymentResult<ClearingStateMessage> Answer(PayCurrency currency, ClearingTransfer seen) => seen.State switch
    {
        ClearingState.Aborted when seen.AccountId is null => PaymentResult<ClearingStateMessage>.Conflict($"Transfer {seen.TransferId} was aborted before it was prepared."),
        _ => new(PaymentOutcome.Replayed, Message(currency, seen)),
    };

    private static ClearingStateMessage Message(PayCurrency currency, ClearingTransfer t) =>
        new(t.TransferId, t.State, t.AccountId is null ? null : currency.Format(t.Amount));

    private static PaymentResult<ClearingStateMessage>? CheckId(string? transferId) =>
        string.IsNullOrWhiteSpace(transferId) || transferId.Length > MaxTransferId || transferId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            ? PaymentResult<ClearingStateMessage>.Invalid("transfer_id", $"is required: up to {MaxTransferId} letters, digits, '-' or '_'")
            : null;

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ");
}
