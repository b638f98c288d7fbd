using System.Data.Common;
using Coopdir.Core.Data;
using Coopdir.Core.Payments.Ledger;
using Dapper;

namespace Coopdir.Core.Payments.Clearing;

/// <summary>
/// The durable steps of a cross-currency payment, each one write: a leg (double-entry, appended to the currency's
/// public ledger like every movement) and the state change that goes with it, or a state change alone. Every step is
/// a compare-and-set on the state under the currency's row lock, so a step repeated (a retry, the recovery and a
/// request at once) does nothing the second time.
/// </summary>
internal static class ClearingLegs
{
    public const string Kind = "clearing";

    internal const string SelectTransfer = """
        SELECT t.id AS Id, t.agreement_id AS AgreementId, t.transfer_id AS TransferId, t.role AS Role, t.state AS State, t.account_id AS AccountId,
               a.public_id AS AccountPublicId, t.peer_account AS PeerAccount, t.amount AS Amount, t.peer_amount AS PeerAmount, t.memo AS Memo,
               t.user_id AS UserId, t.idempotency_key AS IdempotencyKey, t.leg_id AS LegId, l.ledger_index AS LedgerIndex, t.reason AS Reason,
               t.peer_done AS PeerDone, t.created_at AS CreatedAt, t.updated_at AS UpdatedAt
        FROM pay_clearing_transfers t LEFT JOIN pay_accounts a ON a.id = t.account_id LEFT JOIN pay_transfers l ON l.id = t.leg_id
        """;

    public static Task<ClearingTransfer?> GetAsync(DbConnection connection, long agreementId, string transferId) =>
        connection.QuerySingleOrDefaultAsync<ClearingTransfer?>(SelectTransfer + " WHERE t.agreement_id = @agreementId AND t.transfer_id = @transferId",
            new { agreementId, transferId });

    public static Task<ClearingTransfer?> GetAsync(WriteSession session, long agreementId, string transferId) =>
        session.QuerySingleOrDefaultAsync<ClearingTransfer?>(SelectTransfer + " WHERE t.agreement_id = @agreementId AND t.transfer_id = @transferId",
            new { agreementId, transferId });

    public static async Task<long> InsertAsync(WriteSession session, long agreementId, string transferId, string role, string state, long? accountId,
        string peerAccount, long amount, string? peerAmount, string? memo, long? userId, string? key, string? reason, bool peerDone, string now) =>
        await session.ScalarAsync<long>(session.ReturningId("""
            INSERT INTO pay_clearing_transfers (agreement_id, transfer_id, role, state, account_id, peer_account, amount, peer_amount, memo, user_id,
                idempotency_key, reason, peer_done, created_at, updated_at)
            VALUES (@agreementId, @transferId, @role, @state, @accountId, @peerAccount, @amount, @peerAmount, @memo, @userId, @key, @reason, @peerDone, @now, @now)
            """), new { agreementId, transferId, role, state, accountId, peerAccount, amount, peerAmount, memo, userId, key, reason, peerDone, now });

    /// <summary>Moves the state on only from <paramref name="from"/>: false when another step got there first.</summary>
    public static async Task<bool> MoveAsync(WriteSession session, long id, string from, string to, string now, long? legId = null, string? reason = null,
        string? peerAmount = null) =>
        await session.ExecuteAsync("""
            UPDATE pay_clearing_transfers SET state = @to, updated_at = @now, leg_id = COALESCE(@legId, leg_id), reason = COALESCE(@reason, reason),
                peer_amount = COALESCE(@peerAmount, peer_amount)
            WHERE id = @id AND state = @from
            """, new { id, from, to, now, legId, reason, peerAmount }) == 1;

    public static Task MarkPeerDoneAsync(WriteSession session, long id) =>
        session.ExecuteAsync("UPDATE pay_clearing_transfers SET peer_done = @yes WHERE id = @id", new { id, yes = true });

    /// <summary>
    /// The payer's leg: payer → this side's clearing account, refused (null leg, the reason) when a limit would break.
    /// The caller holds the currency's row.
    /// </summary>
    public static async Task<(long? LegId, string? Refusal)> PayerLegAsync(WriteSession session, PayCurrency currency, PayAccount payer, PayAccount clearing,
        long amount, string? memo, long userId, string key, string now)
    {
        var current = (await PaymentQueries.CurrencyAsync(session, currency.Id))!;
        if (current.PaymentCap is { } cap && amount > cap)
            return (null, $"{current.Format(amount)} {current.Unit} is more than {current.Code}'s payment cap of {current.Format(cap)}.");
        if (await Movements.DebitAsync(session, current, payer, amount, fee: 0) is { } refusedDebit) return (null, refusedDebit.Detail);
        if (await Movements.CreditAsync(session, current, clearing, amount) is { } refusedCredit) return (null, refusedCredit.Detail);
        return (await AppendAsync(session, current, payer, clearing, amount, memo, userId, key, now), null);
    }

    /// <summary>
    /// The payee's leg: this side's clearing account → payee, written as prepared: the credit was reserved against the
    /// clearing account's floor when it was prepared, and a prepared leg is a promise, so no limit is checked again.
    /// </summary>
    public static async Task<long> PayeeLegAsync(WriteSession session, PayCurrency currency, PayAccount clearing, PayAccount payee, long amount, string? memo,
        string key, string now)
    {
        await session.ExecuteAsync("UPDATE pay_accounts SET balance = balance - @amount WHERE id = @Id", new { amount, clearing.Id });
        await session.ExecuteAsync("UPDATE pay_accounts SET balance = balance + @amount WHERE id = @Id", new { amount, payee.Id });
        return await AppendAsync(session, (await PaymentQueries.CurrencyAsync(session, currency.Id))!, clearing, payee, amount, memo, 0, key, now);
    }

    /// <summary>
    /// Why the payee side cannot promise this credit, or null: the payee must be a member account that is not frozen
    /// and the clearing account must stay above its floor counting every credit already prepared.
    /// </summary>
    public static async Task<string?> CannotCreditAsync(WriteSession session, PayCurrency currency, ClearingAgreement agreement, PayAccount? payee, string to, long amount)
    {
        if (payee is not { Role: AccountRole.Member }) return $"There is no member account {PaymentInput.Short(to)} in {currency.Code}.";
        if (payee.Frozen) return $"Account {payee.PublicId} is frozen by {currency.Code}'s operator: it can neither pay nor be paid.";
        var clearing = (await PaymentQueries.AccountAsync(session, agreement.AccountId))!;
        var reserved = await session.ScalarAsync<long>("SELECT COALESCE(SUM(amount), 0) FROM pay_clearing_transfers WHERE agreement_id = @Id AND state = 'prepared'",
            new { agreement.Id });
        if (clearing.Balance - reserved - amount < (clearing.Floor ?? 0))
            return $"Crediting {currency.Format(amount)} {currency.Unit} would take {currency.Code}'s clearing account for agreement {agreement.Name} past its limit of {currency.Format(-(clearing.Floor ?? 0))} (balance {currency.Format(clearing.Balance)}, {currency.Format(reserved)} already promised).";
        // Credits promised to the payee but not yet written count too: each commit writes its credit without checking again.
        var promised = await session.ScalarAsync<long>(Movements.Promised, new { payee.Id });
        if (payee.Balance + promised + amount > Amounts.MaxBalanceMinor)
            return $"Account {payee.PublicId} would hold more than {currency.Format(Amounts.MaxBalanceMinor)}, the most an account may hold (counting {currency.Format(promised)} {currency.Unit} already promised to it).";
        return null;
    }

    private static async Task<long> AppendAsync(WriteSession session, PayCurrency currency, PayAccount debit, PayAccount credit, long amount, string? memo,
        long userId, string key, string now)
    {
        var head = await LedgerLog.AppendAsync(session, currency, index => LedgerLog.Leaf(currency, index, Kind, debit.LedgerId, credit.LedgerId, amount, now), now);
        return await session.ScalarAsync<long>(session.ReturningId("""
            INSERT INTO pay_transfers (currency_id, kind, debit_id, credit_id, amount, memo, user_id, idempotency_key, fingerprint, request_id, ledger_index, created_at)
            VALUES (@Id, @kind, @debitId, @creditId, @amount, @memo, @userId, @key, @key, NULL, @index, @now)
            """), new { currency.Id, kind = Kind, debitId = debit.Id, creditId = credit.Id, amount, memo, userId, key, index = head.TreeSize - 1, now });
    }
}
