using Coopdir.Core.Accounts;
using Coopdir.Core.Payments.Ledger;

namespace Coopdir.Core.Payments;

/// <summary>One period's demurrage: how many accounts paid it and how much, in minor units.</summary>
public sealed class DemurrageRun
{
    public string Period { get; init; } = "";
    public int Rate { get; init; }
    public int Accounts { get; init; }
    public long Charged { get; init; }
    public long UserId { get; init; }
    public string CreatedAt { get; init; } = "";
}

public sealed partial class Movements
{
    /// <summary>
    /// The operator charges the current period's demurrage (the calendar month the clock is in): every member account
    /// in credit pays the monthly rate of its balance (rounded down; frozen accounts too, as demurrage is a charge on
    /// holding, not a payment) into the fee account, one entry each, in one write. A period is charged once: a second
    /// run in it (or one sent at the same moment) answers with the first and charges nothing.
    /// </summary>
    public async Task<PaymentResult<DemurrageRun>> ChargeDemurrageAsync(User user, string code)
    {
        PayCurrency? currency;
        await using (var connection = await store.OpenAsync())
        {
            currency = await PaymentQueries.CurrencyAsync(connection, code);
            if (currency is null) return PaymentResult<DemurrageRun>.NotFound($"There is no currency {PaymentInput.Short(code)} run here.");
            if (!await CurrencyOperations.IsOperatorAsync(connection, currency, user))
                return PaymentResult<DemurrageRun>.Forbidden($"Only the operator of {currency.Code} ({currency.OperatorName}, through its verified claimers) may charge its demurrage.");
        }
        await using var session = await store.BeginWriteAsync();
        await LedgerLog.LockAsync(session, currency.Id);
        await session.SendAsync(); // the row is ours before the clock is read: the log's times never run backwards
        var clockNow = clock.GetUtcNow();
        var now = clockNow.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ");
        var period = Charges.PeriodOf(clockNow);
        var earlier = await session.QuerySingleOrDefaultAsync<DemurrageRun?>("""
            SELECT period AS Period, rate AS Rate, accounts AS Accounts, charged AS Charged, user_id AS UserId, created_at AS CreatedAt
            FROM pay_demurrage_runs WHERE currency_id = @Id AND period = @period
            """, new { currency.Id, period });
        if (earlier is not null) return new(PaymentOutcome.Replayed, earlier);
        var current = (await PaymentQueries.CurrencyAsync(session, currency.Id))!;
        if (current.DemurrageRate == 0) return PaymentResult<DemurrageRun>.Refused($"{current.Code} charges no demurrage: set demurrage_basis_points first.");
        var fees = (await PaymentQueries.FeeAccountAsync(session, current.Id))!;
        var tail = await LedgerLog.TailAsync(session, current.Id);
        var (accounts, charged) = (0, 0L);
        foreach (var account in await PaymentQueries.InCreditAsync(session, current.Id))
        {
            var charge = Charges.DemurrageOn(current, account.Balance);
            if (charge == 0) continue;
            await session.ExecuteAsync("UPDATE pay_accounts SET balance = balance - @charge WHERE id = @Id", new { charge, account.Id });
            _ = await RecordAsync(session, tail, current, user, TransferKind.Demurrage, account, fees, charge,
                $"Demurrage {period}: {current.DemurrageRate} basis points of {current.Format(account.Balance)}",
                $"{PaymentInput.ReservedKeyPrefix}demurrage:{period}:{account.Id}", $"demurrage|{period}|{account.Id}", null, null, now) ?? throw KeyTaken();
            (accounts, charged) = (accounts + 1, charged + charge);
        }
        if (charged > 0 && await CreditAsync(session, current, fees, charged) is { } refused) return PaymentResult<DemurrageRun>.Refused(refused.Detail!);
        var run = new DemurrageRun { Period = period, Rate = current.DemurrageRate, Accounts = accounts, Charged = charged, UserId = user.Id, CreatedAt = now };
        await session.ExecuteAsync("""
            INSERT INTO pay_demurrage_runs (currency_id, period, rate, accounts, charged, user_id, created_at)
            VALUES (@Id, @Period, @Rate, @Accounts, @Charged, @UserId, @CreatedAt)
            """, new { current.Id, run.Period, run.Rate, run.Accounts, run.Charged, run.UserId, run.CreatedAt });
        await CurrencyOperations.AuditAsync(session, current.Id, user, "demurrage",
            $"Demurrage {period}: {current.DemurrageRate} basis points, {current.Format(charged)} from {accounts} accounts", now);
        await session.CommitAsync();
        return new(PaymentOutcome.Done, run);
    }
}
