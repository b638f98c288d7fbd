using System.Data.Common;
using System.Security.Cryptography;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Payments;

/// <summary>A request for an amount to a member account: shown as a link and a QR code, paid once.</summary>
public sealed class PaymentRequest
{
    public long Id { get; init; }
    public string Token { get; init; } = "";
    public long CurrencyId { get; init; }
    public string Code { get; init; } = "";
    public string Unit { get; init; } = "";
    public int Decimals { get; init; }
    public long PayeeId { get; init; }
    public string PayeePublicId { get; init; } = "";
    public string? PayeeName { get; init; }
    public long Amount { get; init; }
    public string? Memo { get; init; }
    public string CreatedAt { get; init; } = "";
    public long? PaidTransferId { get; init; }

    public string FormattedAmount => Amounts.Format(Amount, Decimals);
}

public sealed class PaymentRequests(Store store, TimeProvider clock)
{
    private const string Select = """
        SELECT r.id AS Id, r.token AS Token, r.currency_id AS CurrencyId, c.code AS Code, c.unit AS Unit, c.decimals AS Decimals,
               r.payee_id AS PayeeId, a.public_id AS PayeePublicId, COALESCE(o.name, u.name) AS PayeeName, r.amount AS Amount, r.memo AS Memo,
               r.created_at AS CreatedAt, r.paid_transfer_id AS PaidTransferId
        FROM pay_requests r JOIN pay_currencies c ON c.id = r.currency_id JOIN pay_accounts a ON a.id = r.payee_id
        LEFT JOIN organizations o ON o.id = a.organization_id LEFT JOIN users u ON u.id = a.user_id
        """;

    public static Task<PaymentRequest?> GetAsync(DbConnection connection, string token) =>
        token.Length > PaymentInput.MaxAccountId ? Task.FromResult<PaymentRequest?>(null)
            : connection.QuerySingleOrDefaultAsync<PaymentRequest?>(Select + " WHERE r.token = @token", new { token = token.Trim() });

    /// <summary>The holder of the payee account asks for an amount.</summary>
    public async Task<PaymentResult<PaymentRequest>> CreateAsync(User user, string code, string? to, string? amountText, string? memo)
    {
        var errors = new List<Organizations.FieldError>();
        if (string.IsNullOrWhiteSpace(to) || to.Length > PaymentInput.MaxAccountId) errors.Add(new("to", "is required: the account to be paid"));
        PaymentInput.Text(errors, "memo", memo, PaymentInput.MaxMemo, required: false);
        if (errors.Count > 0) return PaymentResult<PaymentRequest>.Invalid(errors);
        long payeeId;
        long amount;
        await using (var connection = await store.OpenAsync())
        {
            var currency = await PaymentQueries.CurrencyAsync(connection, code);
            if (currency is null) return PaymentResult<PaymentRequest>.NotFound($"There is no currency {PaymentInput.Short(code)} run here.");
            var payee = await PaymentQueries.AccountAsync(connection, currency.Id, to!);
            if (payee is not { Role: AccountRole.Member }) return PaymentResult<PaymentRequest>.Invalid("to", $"there is no member account {PaymentInput.Short(to!)} in {currency.Code}");
            if (!await CurrencyOperations.HoldsAsync(connection, payee, user)) return PaymentResult<PaymentRequest>.Forbidden($"Only the holder of account {payee.PublicId} may ask to be paid into it.");
            string? error;
            (amount, error) = Amounts.Parse(amountText, currency.Decimals);
            if (error is not null) return PaymentResult<PaymentRequest>.Invalid("amount", error);
            payeeId = payee.Id;
            await using var session = await store.BeginWriteAsync();
            var token = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 20);
            await session.ExecuteAsync("""
                INSERT INTO pay_requests (token, currency_id, payee_id, amount, memo, created_by, created_at)
                VALUES (@token, @currencyId, @payeeId, @amount, @memo, @user, @now)
                """, new { token, currencyId = currency.Id, payeeId, amount, memo = string.IsNullOrWhiteSpace(memo) ? null : memo.Trim(), user = user.Id,
                now = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ") });
            await session.CommitAsync();
            return new(PaymentOutcome.Done, await GetAsync(connection, token));
        }
    }
}
