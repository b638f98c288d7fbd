using System.Globalization;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Payments.Ledger;

namespace Coopdir.Core.Payments;

public sealed partial class Movements
{
    /// <summary>
    /// The write of a movement: everything or nothing, and once per idempotency key. It shares a write, and its commit,
    /// with the movements waiting beside it (<see cref="GroupCommit"/>).
    /// </summary>
    private Task<PaymentResult<PayTransfer>> MoveAsync(User user, PayCurrency currency, string kind, PayAccount? debit, PayAccount? credit,
        long amount, string? memo, string key, long? requestId)
    {
        memo = string.IsNullOrWhiteSpace(memo) ? null : memo.Trim();
        var fingerprint = $"{kind}|{debit?.PublicId}|{credit?.PublicId}|{amount}|{memo}|{requestId}";
        return batches.WriteAsync(currency.Id, (session, turn) => WriteAsync(session, turn, user, kind, debit, credit, amount, memo, key, fingerprint, requestId));
    }

    /// <summary>The movement's statements, in a write that holds the currency's row; anything but Done is rolled back.</summary>
    private async Task<PaymentResult<PayTransfer>> WriteAsync(WriteSession session, CurrencyTurn turn, User user, string kind, PayAccount? debit,
        PayAccount? credit, long amount, string? memo, string key, string fingerprint, long? requestId)
    {
        // Read once the currency is ours: the log's times then never run backwards between entries.
        var now = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ");
        var current = turn.Currency;
        // A retry of a movement made before gets that one's answer, not what would stop it now. The key is looked up only
        // when something stops the movement before its transfer is stored (a new key is the common case, and a key taken
        // stops the transfer's insert); the write holds the currency's row, so a retry sent while the first was being
        // written sees it committed.
        Task<PaymentResult<PayTransfer>> FirstAnswerOr(PaymentResult<PayTransfer> stopped) => FirstAnswerOrAsync(session, current, user, key, fingerprint, stopped);
        if (kind == TransferKind.Transfer && current.PaymentCap is { } cap && amount > cap)
            return await FirstAnswerOr(PaymentResult<PayTransfer>.Refused($"{current.Format(amount)} {current.Unit} is more than {current.Code}'s payment cap of {current.Format(cap)}."));
        // The payer pays the fee on top, into the operator's fee account; the fee account paying out pays none.
        var fee = kind == TransferKind.Transfer && debit!.Role != AccountRole.Fees ? Charges.FeeOn(current, amount) : 0;
        var feeAccount = fee > 0 ? (await PaymentQueries.FeeAccountAsync(session, current.Id))! : null;
        // The updates, the ledger entry and the transfer go to PostgreSQL in one round trip, before anyone knows whether
        // the updates passed their checks: one that did not stops the movement below, and the write rolls it all back.
        var debited = debit is null ? null : await QueueDebitAsync(session, debit, amount, fee);
        var credited = credit is null ? null : await QueueCreditAsync(session, credit, amount);
        var feeCredited = feeAccount is null ? null : await QueueCreditAsync(session, feeAccount, fee);
        if (kind is TransferKind.ReserveDeposit or TransferKind.Redemption)
        {
            // The issuer's floor is minus the reserve: issuance never puts out more than the reserve holds.
            var change = kind == TransferKind.ReserveDeposit ? amount : -amount;
            await session.Command("UPDATE pay_currencies SET reserve = reserve + @change WHERE id = @Id", "change", "Id").QueueAsync(change, current.Id);
            await session.Command("UPDATE pay_accounts SET floor = floor - @change WHERE currency_id = @Id AND role = 'issuer'", "change", "Id").QueueAsync(change, current.Id);
        }
        if (await RecordAsync(session, turn.Tail, current, user, kind, debit, credit, amount, memo, key, fingerprint, requestId, null, now) is not var (id, index))
            return await FirstAnswerOr(PaymentResult<PayTransfer>.Conflict($"The idempotency key '{PaymentInput.Short(key)}' was used before."));
        // Stored, so the key is new: what stopped it is the answer. The account whose update changed nothing is as it was.
        // Anything but one row stops it (a count not known yet too): an update is made when shown made, never assumed.
        if (debited is not null && debited.RowsAffected != 1) return await NotDebitedAsync(session, current, debit!, amount, fee);
        if (credited is not null && credited.RowsAffected != 1) return await NotCreditedAsync(session, current, credit!);
        if (feeCredited is not null && feeCredited.RowsAffected != 1) return await NotCreditedAsync(session, current, feeAccount!);
        if (feeAccount is not null)
            _ = await RecordAsync(session, turn.Tail, current, user, TransferKind.Fee, debit, feeAccount, fee, $"Fee on ledger entry {index}",
                $"{PaymentInput.ReservedKeyPrefix}fee:{id}", $"fee|{id}", null, id, now) ?? throw KeyTaken();
        if (requestId is not null && await session.ExecuteAsync(
                "UPDATE pay_requests SET paid_transfer_id = @id WHERE id = @requestId AND paid_transfer_id IS NULL", new { id, requestId }) == 0)
            return PaymentResult<PayTransfer>.Conflict("This payment request is already paid.");
        if (kind != TransferKind.Transfer)
            await CurrencyOperations.AuditAsync(session, current.Id, user, kind, $"{kind} of {current.Format(amount)} (ledger entry {index})", now);
        // What was written, as SelectTransfer would read it back: one statement fewer while the currency is held.
        return new(PaymentOutcome.Done, new PayTransfer
        {
            Id = id, CurrencyId = current.Id, Kind = kind, DebitId = debit?.Id, DebitPublicId = debit?.PublicId, CreditId = credit?.Id,
            CreditPublicId = credit?.PublicId, Amount = amount, Memo = memo, IdempotencyKey = key, Fingerprint = fingerprint, RequestId = requestId,
            LedgerIndex = index, CreatedAt = now, Fee = feeAccount is null ? null : fee,
        });
    }

    /// <summary>A key Coopdir makes itself (a fee's, demurrage's) is unique by construction: taken, something is badly wrong.</summary>
    private static InvalidOperationException KeyTaken() => new("An entry's own idempotency key was taken: nothing was written.");

    /// <summary>The answer to the movement made before with this key, or <paramref name="stopped"/> when there is none.</summary>
    private static async Task<PaymentResult<PayTransfer>> FirstAnswerOrAsync(WriteSession session, PayCurrency currency, User user, string key, string fingerprint,
        PaymentResult<PayTransfer> stopped)
    {
        var earlier = await session.Command(PaymentQueries.SelectTransfer + " WHERE t.currency_id = @Id AND t.user_id = @user AND t.idempotency_key = @key",
            "Id", "user", "key").FirstOrDefaultAsync<PayTransfer?>(currency.Id, user.Id, key);
        if (earlier is null) return stopped;
        return earlier.Fingerprint == fingerprint
            ? new(PaymentOutcome.Replayed, earlier)
            : PaymentResult<PayTransfer>.Conflict($"The idempotency key '{PaymentInput.Short(key)}' was used for another movement ({earlier.Kind} {earlier.LedgerIndex}): use a new key for a new payment.");
    }

    /// <summary>
    /// One entry: appended to the public ledger (accounts by their ledger pseudonyms) and stored, in the caller's write;
    /// null when the user's idempotency key is already taken in the currency (the caller rolls the entry back).
    /// </summary>
    private static async Task<(long Id, long Index)?> RecordAsync(WriteSession session, LedgerLog.Tail tail, PayCurrency currency, User user, string kind,
        PayAccount? debit, PayAccount? credit, long amount, string? memo, string key, string fingerprint, long? requestId, long? feeOf, string now)
    {
        var head = await LedgerLog.AppendAsync(session, tail, currency, i => LedgerLog.Leaf(currency, i, kind, debit?.LedgerId, credit?.LedgerId, amount, now), now);
        var index = head.TreeSize - 1;
        var id = await session.Command(session.ReturningId("""
            INSERT INTO pay_transfers (currency_id, kind, debit_id, credit_id, amount, memo, user_id, idempotency_key, fingerprint, request_id, ledger_index, created_at, fee_of)
            VALUES (@Id, @kind, @debitId, @creditId, @amount, @memo, @user, @key, @fingerprint, @requestId, @index, @now, @feeOf)
            ON CONFLICT (currency_id, user_id, idempotency_key) DO NOTHING
            """), "Id", "kind", "debitId", "creditId", "amount", "memo", "user", "key", "fingerprint", "requestId", "index", "now", "feeOf")
            .ScalarAsync(currency.Id, kind, debit?.Id, credit?.Id, amount, memo, user.Id, key, fingerprint, requestId, index, now, feeOf);
        return id is null ? null : (Convert.ToInt64(id, CultureInfo.InvariantCulture), index);
    }

    // Conditional updates: the check and the change are one statement, on the balance as it is now. Queued (see
    // WriteSession.SendAsync): each changes one row or, refused, none.
    private static Task<Queued> QueueDebitAsync(WriteSession session, PayAccount account, long amount, long fee) =>
        session.Command("""
            UPDATE pay_accounts SET balance = balance - @total
            WHERE id = @Id AND frozen = @no AND (floor IS NULL OR balance - @total >= floor) AND balance - @total >= @min
            """, "total", "Id", "no", "min").QueueAsync(amount + fee, account.Id, false, -Amounts.MaxBalanceMinor);

    /// <summary>
    /// Credits promised to the account by prepared clearing transfers count toward the most it may hold, as when they were
    /// promised (<see cref="Clearing.ClearingLegs.CannotCreditAsync"/>): each is written on commit without a check.
    /// </summary>
    private static Task<Queued> QueueCreditAsync(WriteSession session, PayAccount account, long amount) =>
        session.Command($"""
            UPDATE pay_accounts SET balance = balance + @amount
            WHERE id = @Id AND frozen = @no AND balance + @amount + ({Promised}) <= @max
            """, "amount", "Id", "no", "max").QueueAsync(amount, account.Id, false, Amounts.MaxBalanceMinor);

    /// <summary>The debit, made now; null when made, else why not.</summary>
    internal static async Task<PaymentResult<PayTransfer>?> DebitAsync(WriteSession session, PayCurrency currency, PayAccount account, long amount, long fee)
    {
        var debited = await QueueDebitAsync(session, account, amount, fee);
        await session.SendAsync();
        return debited.RowsAffected == 1 ? null : await NotDebitedAsync(session, currency, account, amount, fee);
    }

    /// <summary>The credit, made now; null when made, else why not.</summary>
    internal static async Task<PaymentResult<PayTransfer>?> CreditAsync(WriteSession session, PayCurrency currency, PayAccount account, long amount)
    {
        var credited = await QueueCreditAsync(session, account, amount);
        await session.SendAsync();
        return credited.RowsAffected == 1 ? null : await NotCreditedAsync(session, currency, account);
    }

    /// <summary>Why the debit changed nothing, from the account as it is.</summary>
    private static async Task<PaymentResult<PayTransfer>> NotDebitedAsync(WriteSession session, PayCurrency currency, PayAccount account, long amount, long fee)
    {
        var now = (await PaymentQueries.AccountAsync(session, account.Id))!;
        if (now.Frozen) return PaymentResult<PayTransfer>.Refused($"Account {now.PublicId} is frozen by the operator: it can neither pay nor be paid.");
        if (now.Role == AccountRole.Issuer)
            return PaymentResult<PayTransfer>.Refused($"Issuing {currency.Format(amount)} would put {currency.Format(-(now.Balance - amount))} in circulation, more than the reserve of {currency.Format(-(now.Floor ?? 0))}: record a reserve deposit first.");
        var floor = now.Floor ?? -Amounts.MaxBalanceMinor;
        var owed = fee == 0 ? currency.Format(amount) : $"{currency.Format(amount)} and its fee of {currency.Format(fee)} ({currency.Format(amount + fee)} in all)";
        return PaymentResult<PayTransfer>.Refused(floor == 0
            ? $"Account {now.PublicId} holds {currency.Format(now.Balance)} {currency.Unit}, less than {owed}."
            : $"Account {now.PublicId} holds {currency.Format(now.Balance)} {currency.Unit}; paying {owed} would take it below its credit limit of {currency.Format(-floor)}.");
    }

    /// <summary>Why the credit changed nothing, from the account as it is.</summary>
    private static async Task<PaymentResult<PayTransfer>> NotCreditedAsync(WriteSession session, PayCurrency currency, PayAccount account)
    {
        var now = (await PaymentQueries.AccountAsync(session, account.Id))!;
        if (now.Frozen) return PaymentResult<PayTransfer>.Refused($"Account {now.PublicId} is frozen by the operator: it can neither pay nor be paid.");
        var promised = await session.ScalarAsync<long>(Promised, new { account.Id });
        return PaymentResult<PayTransfer>.Refused(
            $"Account {now.PublicId} would hold more than {currency.Format(Amounts.MaxBalanceMinor)}, the most an account may hold (counting {currency.Format(promised)} {currency.Unit} already promised to it by clearing).");
    }

    /// <summary>The credits prepared clearing transfers promise the account <c>@Id</c>.</summary>
    internal const string Promised =
        "SELECT COALESCE(SUM(amount), 0) FROM pay_clearing_transfers WHERE account_id = @Id AND role = 'participant' AND state = 'prepared'";
}
