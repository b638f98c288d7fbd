using System.Data.Common;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Payments;

/// <summary>A currency's public totals: what the transparency page and the API show.</summary>
public sealed record MoneyTotals(long Supply, long Volume, int Movements, int ActiveAccounts, int Accounts, long Reserve, long Circulation);

public sealed class OperatorAction
{
    public long Id { get; init; }
    public long UserId { get; init; }
    public string Action { get; init; } = "";
    public string Detail { get; init; } = "";
    public string CreatedAt { get; init; } = "";
}

/// <summary>The one read path for currencies, accounts and statements: the API and the pages both go through here.</summary>
public static class PaymentQueries
{
    private const string SelectCurrency = """
        SELECT c.id AS Id, c.code AS Code, c.currency_id AS CurrencyId, c.operator_id AS OperatorId, COALESCE(o.name, '') AS OperatorName,
               c.name AS Name, c.unit AS Unit, c.decimals AS Decimals, c.model AS Model, c.credit_limit AS CreditLimit,
               c.issuance_rule AS IssuanceRule, c.payment_cap AS PaymentCap, c.reserve AS Reserve, c.log_size AS LogSize,
               c.public_key AS PublicKey, c.created_at AS CreatedAt,
               c.fee_rate AS FeeRate, c.fee_fixed AS FeeFixed, c.demurrage_rate AS DemurrageRate
        FROM pay_currencies c LEFT JOIN organizations o ON o.id = c.operator_id
        """;

    private const string SelectAccount = """
        SELECT a.id AS Id, a.currency_id AS CurrencyId, a.public_id AS PublicId, a.ledger_id AS LedgerId, a.role AS Role, a.user_id AS UserId,
               a.organization_id AS OrganizationId, COALESCE(o.name, u.name) AS HolderName, a.balance AS Balance,
               a.floor AS Floor, a.frozen AS Frozen, a.created_at AS CreatedAt
        FROM pay_accounts a LEFT JOIN organizations o ON o.id = a.organization_id LEFT JOIN users u ON u.id = a.user_id
        """;

    internal const string SelectTransfer = """
        SELECT t.id AS Id, t.currency_id AS CurrencyId, t.kind AS Kind, t.debit_id AS DebitId, d.public_id AS DebitPublicId,
               t.credit_id AS CreditId, c.public_id AS CreditPublicId, t.amount AS Amount, t.memo AS Memo,
               t.idempotency_key AS IdempotencyKey, t.fingerprint AS Fingerprint, t.request_id AS RequestId,
               t.ledger_index AS LedgerIndex, t.created_at AS CreatedAt, t.fee_of AS FeeOf,
               (SELECT f.amount FROM pay_transfers f WHERE f.fee_of = t.id) AS Fee
        FROM pay_transfers t LEFT JOIN pay_accounts d ON d.id = t.debit_id LEFT JOIN pay_accounts c ON c.id = t.credit_id
        """;

    public static Task<PayCurrency?> CurrencyAsync(DbConnection connection, string code) =>
        connection.QuerySingleOrDefaultAsync<PayCurrency?>(SelectCurrency + " WHERE c.code = @code", new { code = code.Trim().ToUpperInvariant() });

    public static Task<PayCurrency?> CurrencyOfRecordAsync(DbConnection connection, long currencyId) =>
        connection.QuerySingleOrDefaultAsync<PayCurrency?>(SelectCurrency + " WHERE c.currency_id = @currencyId", new { currencyId });

    internal static Task<PayCurrency?> CurrencyAsync(WriteSession session, long id) =>
        session.Command(SelectCurrency + " WHERE c.id = @id", "id").FirstOrDefaultAsync<PayCurrency?>(id);

    public static async Task<IReadOnlyList<PayCurrency>> CurrenciesAsync(DbConnection connection) =>
        (await connection.QueryAsync<PayCurrency>(SelectCurrency + " ORDER BY c.code")).AsList();

    public static Task<PayAccount?> AccountAsync(DbConnection connection, long currencyId, string publicId) =>
        connection.QuerySingleOrDefaultAsync<PayAccount?>(SelectAccount + " WHERE a.currency_id = @currencyId AND a.public_id = @publicId",
            new { currencyId, publicId = publicId.Trim() });

    internal static Task<PayAccount?> AccountAsync(WriteSession session, long id) =>
        session.QuerySingleOrDefaultAsync<PayAccount?>(SelectAccount + " WHERE a.id = @id", new { id });

    public static Task<PayAccount?> IssuerAsync(DbConnection connection, long currencyId) =>
        connection.QuerySingleOrDefaultAsync<PayAccount?>(SelectAccount + " WHERE a.currency_id = @currencyId AND a.role = 'issuer'", new { currencyId });

    /// <summary>The operator's fee account, opened when it first sets a fee or demurrage.</summary>
    public static Task<PayAccount?> FeeAccountAsync(DbConnection connection, long currencyId) =>
        connection.QuerySingleOrDefaultAsync<PayAccount?>(SelectAccount + " WHERE a.currency_id = @currencyId AND a.role = 'fees'", new { currencyId });

    internal static Task<PayAccount?> FeeAccountAsync(WriteSession session, long currencyId) =>
        session.Command(SelectAccount + " WHERE a.currency_id = @currencyId AND a.role = 'fees'", "currencyId").FirstOrDefaultAsync<PayAccount?>(currencyId);

    internal static async Task<IReadOnlyList<PayAccount>> InCreditAsync(WriteSession session, long currencyId) =>
        (await session.QueryAsync<PayAccount>(SelectAccount + " WHERE a.currency_id = @currencyId AND a.role = 'member' AND a.balance > 0 ORDER BY a.id",
            new { currencyId })).AsList();

    /// <summary>The accounts a person holds: their own, and those of the organizations whose verified claimer they are.</summary>
    public static async Task<IReadOnlyList<PayAccount>> HeldByAsync(DbConnection connection, long userId) =>
        (await connection.QueryAsync<PayAccount>(SelectAccount + """
             WHERE (a.user_id = @userId AND a.organization_id IS NULL)
                OR a.organization_id IN (SELECT organization_id FROM claims WHERE user_id = @userId AND status = 'verified')
             ORDER BY a.currency_id, a.id
            """, new { userId })).AsList();

    public static async Task<IReadOnlyList<PayAccount>> AccountsAsync(DbConnection connection, long currencyId) =>
        (await connection.QueryAsync<PayAccount>(SelectAccount + " WHERE a.currency_id = @currencyId ORDER BY a.id", new { currencyId })).AsList();

    /// <summary>An account's movements, newest first, after <paramref name="before"/> when paging back.</summary>
    public static async Task<IReadOnlyList<PayTransfer>> StatementAsync(DbConnection connection, long accountId, long? before, int limit) =>
        (await connection.QueryAsync<PayTransfer>(SelectTransfer + """
             WHERE (t.debit_id = @accountId OR t.credit_id = @accountId) AND (@before IS NULL OR t.id < @before)
             ORDER BY t.id DESC LIMIT @limit
            """, new { accountId, before, limit })).AsList();

    public static async Task<IReadOnlyList<PayTransfer>> MovementsAsync(DbConnection connection, long currencyId, string? kind = null) =>
        (await connection.QueryAsync<PayTransfer>(SelectTransfer + " WHERE t.currency_id = @currencyId AND (@kind IS NULL OR t.kind = @kind) ORDER BY t.id",
            new { currencyId, kind })).AsList();

    /// <summary>
    /// Supply: the units members hold in credit (for mutual credit the sum of positive balances, which equals
    /// the debt; otherwise what the issuer has put out). Volume: what moved between members in the last
    /// <paramref name="days"/> days; active accounts: members that paid or were paid in them.
    /// </summary>
    public static async Task<MoneyTotals> TotalsAsync(DbConnection connection, PayCurrency currency, DateTimeOffset now, int days = 30)
    {
        var since = now.AddDays(-days).ToString("O");
        var row = await connection.QuerySingleAsync<(long Positive, long IssuerBalance, long Accounts)>("""
            SELECT COALESCE(SUM(CASE WHEN role IN ('member', 'fees') AND balance > 0 THEN balance ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN role = 'issuer' THEN balance ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN role = 'member' THEN 1 ELSE 0 END), 0)
            FROM pay_accounts WHERE currency_id = @Id
            """, new { currency.Id });
        var moved = await connection.QuerySingleAsync<(long Volume, long Movements)>("""
            SELECT COALESCE(SUM(amount), 0), COUNT(*) FROM pay_transfers WHERE currency_id = @Id AND kind = 'transfer' AND created_at >= @since
            """, new { currency.Id, since });
        var active = await connection.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM (
                SELECT debit_id AS account FROM pay_transfers WHERE currency_id = @Id AND kind = 'transfer' AND created_at >= @since
                UNION SELECT credit_id FROM pay_transfers WHERE currency_id = @Id AND kind = 'transfer' AND created_at >= @since) AS a
            """, new { currency.Id, since });
        var circulation = -row.IssuerBalance;
        var supply = currency.Model == MoneyModel.MutualCredit ? row.Positive : circulation;
        return new MoneyTotals(supply, moved.Volume, (int)moved.Movements, (int)active, (int)row.Accounts, currency.Reserve, circulation);
    }

    /// <summary>The operator's actions, newest first: the audit trail.</summary>
    public static async Task<IReadOnlyList<OperatorAction>> AuditAsync(DbConnection connection, long currencyId, int limit = 1000) =>
        (await connection.QueryAsync<OperatorAction>("""
            SELECT id AS Id, user_id AS UserId, action AS Action, detail AS Detail, created_at AS CreatedAt
            FROM pay_operator_actions WHERE currency_id = @currencyId ORDER BY id DESC LIMIT @limit
            """, new { currencyId, limit })).AsList();

    /// <summary>Velocity over the period: volume divided by supply (null while there is no supply).</summary>
    public static decimal? Velocity(MoneyTotals totals) => totals.Supply == 0 ? null : Math.Round((decimal)totals.Volume / totals.Supply, 2);
}
