using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Payments.Ledger;

namespace Coopdir.Core.Payments.Clearing;

public sealed record ClearingDraft(string? Agreement, string? From, string? To, string? Amount, string? Memo, string? IdempotencyKey);

/// <summary>
/// A payment from an account of this currency to an account of a peer currency, at the agreed rate, through both
/// sides' clearing accounts. Here (the payer's side) is the coordinator. On one instance both legs are one write. With
/// a peer instance it is two-phase: record the payment as preparing; ask the peer to prepare (it reserves the credit);
/// decide, writing the payer's leg in the same write as the decision (so the payer's funds need no hold: if they are
/// gone by then, the decision is abort); tell the peer. A crash anywhere leaves a state <see cref="ClearingRecovery"/>
/// finishes: undecided is aborted on both sides, decided is re-sent until the peer acknowledges.
/// </summary>
public sealed class ClearingPayments(Store store, TimeProvider clock, ClearingPeerClient peers)
{
    public async Task<PaymentResult<ClearingTransfer>> PayAsync(User user, string code, ClearingDraft draft)
    {
        var errors = PaymentInput.Check(new MovementDraft(draft.From, draft.To, draft.Amount, draft.Memo, draft.IdempotencyKey), needsFrom: true, needsTo: true);
        if (string.IsNullOrWhiteSpace(draft.Agreement)) errors.Add(new("agreement", "is required: the clearing agreement to pay through"));
        if (errors.Count > 0) return PaymentResult<ClearingTransfer>.Invalid(errors);
        PayCurrency currency;
        ClearingAgreement agreement;
        PayAccount payer;
        long amount;
        await using (var connection = await store.OpenAsync())
        {
            if (await PaymentQueries.CurrencyAsync(connection, code) is not { } c) return PaymentResult<ClearingTransfer>.NotFound($"There is no currency {PaymentInput.Short(code)} run here.");
            currency = c;
            if (await ClearingAgreements.GetAsync(connection, currency.Id, draft.Agreement!) is not { } g)
                return PaymentResult<ClearingTransfer>.NotFound($"{currency.Code} has no clearing agreement named {PaymentInput.Short(draft.Agreement!)}.");
            agreement = g;
            if (agreement.PeerUrlRefusal is { } insecure) return PaymentResult<ClearingTransfer>.Refused($"{currency.Code}: {insecure} Nothing was paid.");
            if (await PaymentQueries.AccountAsync(connection, currency.Id, draft.From!) is not { Role: AccountRole.Member } from)
                return PaymentResult<ClearingTransfer>.Invalid("from", $"there is no member account {PaymentInput.Short(draft.From!)} in {currency.Code}");
            if (!await CurrencyOperations.HoldsAsync(connection, from, user)) return PaymentResult<ClearingTransfer>.Forbidden($"Only the holder of account {from.PublicId} may pay from it.");
            payer = from;
            string? error;
            (amount, error) = Amounts.Parse(draft.Amount, currency.Decimals);
            if (error is not null) return PaymentResult<ClearingTransfer>.Invalid("amount", error);
        }
        var key = draft.IdempotencyKey!.Trim();
        var memo = string.IsNullOrWhiteSpace(draft.Memo) ? null : draft.Memo.Trim();
        var to = draft.To!.Trim();
        var transferId = Guid.NewGuid().ToString("N");
        var now = Now();
        if (agreement.IsLocal) return await PayHereAsync(user, currency, agreement, payer, to, amount, memo, key, transferId, now);
        await using (var session = await store.BeginWriteAsync())
        {
            await LedgerLog.LockAsync(session, currency.Id);
            if (await EarlierAsync(session, agreement, user, key, payer, to, amount) is { } earlier) return earlier;
            await ClearingLegs.InsertAsync(session, agreement.Id, transferId, ClearingRole.Coordinator, ClearingState.Preparing, payer.Id, to, amount, null, memo,
                user.Id, key, null, false, now);
            await session.CommitAsync();
        }
        ClearingFaults.At(ClearingFaults.CoordinatorRecorded);
        var secret = await SecretAsync(agreement);
        var prepared = await peers.PrepareAsync(agreement, secret, new PrepareMessage(transferId, currency.Code, payer.PublicId, to, currency.Format(amount),
            agreement.RateUnits, agreement.RatePeerUnits, memo));
        if (prepared.State is { State: ClearingState.Prepared } yes)
        {
            ClearingFaults.At(ClearingFaults.CoordinatorPrepared);
            await DecideAsync(currency, agreement, transferId, commitIfPossible: true, yes.CreditAmount);
        }
        else
        {
            var reason = prepared.Unreachable
                ? $"The peer {agreement.PeerCurrency} at {agreement.PeerUrl} did not answer: nothing was paid, try again later."
                : $"{agreement.PeerCurrency} refused: {prepared.Refusal ?? "the transfer is " + prepared.State?.State}";
            // A peer that refused holds nothing prepared; one that did not answer is told the abort (again by the recovery if need be).
            await DecideAsync(currency, agreement, transferId, commitIfPossible: false, null, reason, peerDone: !prepared.Unreachable);
        }
        var decided = (await GetAsync(agreement.Id, transferId))!;
        if (decided is { State: ClearingState.Committed, PeerDone: false }) ClearingFaults.At(ClearingFaults.CoordinatorDecided);
        if (!decided.PeerDone) decided = await TellPeerAsync(currency, agreement, decided);
        return decided.State == ClearingState.Committed ? new(PaymentOutcome.Done, decided) : new(PaymentOutcome.Refused, decided, Detail: decided.Reason);
    }

    /// <summary>
    /// The decision, with the payer's leg when it commits: one write, and only from preparing (the recovery may have
    /// aborted a payment that waited too long). Commit becomes abort when the payer's leg would break a limit now.
    /// </summary>
    internal async Task DecideAsync(PayCurrency currency, ClearingAgreement agreement, string transferId, bool commitIfPossible, string? creditAmount,
        string? reason = null, bool peerDone = false)
    {
        var now = Now();
        if (commitIfPossible)
        {
            await using var session = await store.BeginWriteAsync();
            await LedgerLog.LockAsync(session, currency.Id);
            var transfer = await ClearingLegs.GetAsync(session, agreement.Id, transferId);
            if (transfer is not { State: ClearingState.Preparing }) return;
            var payer = (await PaymentQueries.AccountAsync(session, transfer.AccountId!.Value))!;
            var clearing = (await PaymentQueries.AccountAsync(session, agreement.AccountId))!;
            var (leg, refusal) = await ClearingLegs.PayerLegAsync(session, currency, payer, clearing, transfer.Amount, transfer.Memo, transfer.UserId!.Value,
                $"clearing:{agreement.Name}:{transferId}", now);
            if (leg is not null)
            {
                await ClearingLegs.MoveAsync(session, transfer.Id, ClearingState.Preparing, ClearingState.Committed, now, leg, peerAmount: creditAmount);
                await session.CommitAsync();
                return;
            }
            // Refused: this write ends uncommitted, so nothing of the leg stays; the abort is the next write.
            reason = refusal;
        }
        await using var abort = await store.BeginWriteAsync();
        await LedgerLog.LockAsync(abort, currency.Id);
        var undecided = await ClearingLegs.GetAsync(abort, agreement.Id, transferId);
        if (undecided is not { State: ClearingState.Preparing }) return;
        await ClearingLegs.MoveAsync(abort, undecided.Id, ClearingState.Preparing, ClearingState.Aborted, now, reason: reason);
        if (peerDone) await ClearingLegs.MarkPeerDoneAsync(abort, undecided.Id);
        await abort.CommitAsync();
    }

    /// <summary>Sends the decision; once the peer has it (as committed or aborted on its side), it is not sent again.</summary>
    internal async Task<ClearingTransfer> TellPeerAsync(PayCurrency currency, ClearingAgreement agreement, ClearingTransfer transfer)
    {
        var commit = transfer.State == ClearingState.Committed;
        var answer = await peers.DecideAsync(agreement, await SecretAsync(agreement), transfer.TransferId, commit);
        if (answer.State?.State == transfer.State)
        {
            await using var session = await store.BeginWriteAsync();
            await ClearingLegs.MarkPeerDoneAsync(session, transfer.Id);
            await session.CommitAsync();
        }
        return (await GetAsync(agreement.Id, transfer.TransferId))!;
    }

    /// <summary>Both currencies run here: both legs, both ledgers and both records in one write.</summary>
    private async Task<PaymentResult<ClearingTransfer>> PayHereAsync(User user, PayCurrency currency, ClearingAgreement agreement,
        PayAccount payer, string to, long amount, string? memo, string key, string transferId, string now)
    {
        PayCurrency peer;
        await using (var connection = await store.OpenAsync()) peer = (await PaymentQueries.CurrencyAsync(connection, agreement.PeerCurrency))!;
        await using var ordered = await store.BeginWriteAsync();
        // Both currencies' rows, the lower id first: two payments crossing in opposite directions then cannot deadlock.
        await LedgerLog.LockAsync(ordered, Math.Min(peer.Id, currency.Id));
        await LedgerLog.LockAsync(ordered, Math.Max(peer.Id, currency.Id));
        if (await EarlierAsync(ordered, agreement, user, key, payer, to, amount) is { } earlier) return earlier;
        if (await ClearingAgreements.GetAsync(ordered, peer.Id, agreement.Name) is not { } theirs || theirs.PeerCurrency != currency.Code || !theirs.IsLocal)
            return PaymentResult<ClearingTransfer>.Refused($"{peer.Code} has not recorded agreement {agreement.Name} with {currency.Code}: both operators record it.");
        if (theirs.Rate != agreement.Rate.Reversed)
            return PaymentResult<ClearingTransfer>.Refused($"Rate mismatch: {currency.Code} recorded agreement {agreement.Name} as {agreement.Rate}, {peer.Code} as {theirs.Rate.Reversed}.");
        if (agreement.Rate.Convert(amount, currency.Decimals, peer.Decimals) is not { } credit || credit == 0)
            return PaymentResult<ClearingTransfer>.Refused($"{currency.Format(amount)} {currency.Code} is worth less than the smallest amount in {peer.Code}, or more than one movement may carry.");
        var payeeId = await ordered.ScalarAsync<long?>("SELECT id FROM pay_accounts WHERE currency_id = @Id AND public_id = @to", new { peer.Id, to });
        var payee = payeeId is { } p ? await PaymentQueries.AccountAsync(ordered, p) : null;
        if (await ClearingLegs.CannotCreditAsync(ordered, peer, theirs, payee, to, credit) is { } refusal) return PaymentResult<ClearingTransfer>.Refused(refusal);
        var payerLeg = await ClearingLegs.PayerLegAsync(ordered, currency, payer, (await PaymentQueries.AccountAsync(ordered, agreement.AccountId))!, amount, memo,
            user.Id, $"clearing:{agreement.Name}:{transferId}", now);
        if (payerLeg.LegId is not { } payerLegId) return PaymentResult<ClearingTransfer>.Refused(payerLeg.Refusal!);
        var payeeLeg = await ClearingLegs.PayeeLegAsync(ordered, peer, (await PaymentQueries.AccountAsync(ordered, theirs.AccountId))!, payee!, credit, memo,
            $"clearing:{agreement.Name}:{transferId}", now);
        var id = await ClearingLegs.InsertAsync(ordered, agreement.Id, transferId, ClearingRole.Coordinator, ClearingState.Committed, payer.Id, to, amount,
            peer.Format(credit), memo, user.Id, key, null, true, now);
        await ClearingLegs.InsertAsync(ordered, theirs.Id, transferId, ClearingRole.Participant, ClearingState.Committed, payee!.Id, payer.PublicId, credit,
            currency.Format(amount), memo, null, null, null, false, now);
        await ordered.ExecuteAsync("UPDATE pay_clearing_transfers SET leg_id = @payerLegId WHERE id = @id", new { payerLegId, id });
        await ordered.ExecuteAsync("UPDATE pay_clearing_transfers SET leg_id = @payeeLeg WHERE agreement_id = @Id AND transfer_id = @transferId",
            new { payeeLeg, theirs.Id, transferId });
        var written = (await ClearingLegs.GetAsync(ordered, agreement.Id, transferId))!;
        await ordered.CommitAsync();
        return new(PaymentOutcome.Done, written);
    }

    /// <summary>The answer already given to this idempotency key, or a conflict when it was used for another payment; null when new.</summary>
    private static async Task<PaymentResult<ClearingTransfer>?> EarlierAsync(WriteSession session, ClearingAgreement agreement, User user, string key,
        PayAccount payer, string to, long amount)
    {
        var earlier = await session.QuerySingleOrDefaultAsync<ClearingTransfer?>(ClearingLegs.SelectTransfer +
            " WHERE t.agreement_id = @Id AND t.user_id = @user AND t.idempotency_key = @key", new { agreement.Id, user = user.Id, key });
        if (earlier is null) return null;
        return earlier.AccountId == payer.Id && earlier.PeerAccount == to && earlier.Amount == amount
            ? new(PaymentOutcome.Replayed, earlier)
            : PaymentResult<ClearingTransfer>.Conflict($"The idempotency key '{PaymentInput.Short(key)}' was used for another clearing payment ({earlier.TransferId}): use a new key for a new payment.");
    }

    internal async Task<ClearingTransfer?> GetAsync(long agreementId, string transferId)
    {
        await using var connection = await store.OpenAsync();
        return await ClearingLegs.GetAsync(connection, agreementId, transferId);
    }

    private async Task<string> SecretAsync(ClearingAgreement agreement)
    {
        await using var connection = await store.OpenAsync();
        return (await ClearingAgreements.SecretAsync(connection, agreement.Id))!;
    }

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ");
}
