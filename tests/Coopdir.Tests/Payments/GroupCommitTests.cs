using System.Data;
using System.Data.Common;
using System.Net;
using Coopdir.Core.Payments;
using Coopdir.Tests.Support;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using static Coopdir.Tests.Payments.MoneyWorld;

namespace Coopdir.Tests.Payments;

/// <summary>Movements of a currency written together: a deadline on the wait for a turn, each movement failing alone, and an answer true to the commit.</summary>
public sealed class GroupCommitTests : SiteTest
{
    private static readonly PaymentResult<PayTransfer> Done = new(PaymentOutcome.Done);

    [Fact]
    public async Task A_payment_that_waited_past_the_deadline_is_answered_busy_and_nothing_is_written()
    {
        var world = await SeedAsync(Site);
        var code = await world.RunAsync("mutual_credit", creditLimit: "100");
        var shop = await OpenAsync(world.ShopOwner, code, world.Shop);
        var rita = await OpenAsync(world.Resident, code);
        var movements = new Movements(Site.Store, new SlowClock(), NullLogger<Movements>.Instance);

        var waited = await movements.TransferAsync(world.Resident.User, code, new MovementDraft(rita, shop, "10.00", null, "slow-1"));

        Assert.Equal(PaymentOutcome.Busy, waited.Outcome);
        Assert.Contains("Retry with the same idempotency key", waited.Detail);
        Assert.Equal("0.00", await BalanceAsync(world.Resident, code, rita));
        // Its retry, on a ledger that is not busy, is the payment's first write.
        using var retry = await PayAsync(world.Resident, code, rita, shop, "10.00", key: "slow-1");
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
    }

    [Fact]
    public async Task A_statement_a_movement_queued_that_fails_fails_that_movement_alone()
    {
        var currency = await CurrencyAsync();
        var batches = new GroupCommit(Site.Store, TimeProvider.System, NullLogger.Instance);
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var first = batches.WriteAsync(currency, async (_, _) => { started.SetResult(); await release.Task; return Done; });
        await started.Task;

        // Both wait behind the first write, and share the next. PostgreSQL sends the queued statement only when asked to.
        var broken = batches.WriteAsync(currency, async (session, _) =>
        {
            await session.Command("INSERT INTO no_such_table (x) VALUES (@x)", "x").QueueAsync(1);
            return Done;
        });
        var neighbour = batches.WriteAsync(currency, async (session, _) =>
        {
            await session.ExecuteAsync("UPDATE pay_currencies SET name = 'Still standing' WHERE id = @currency", new { currency });
            return Done;
        });
        release.SetResult();

        Assert.Equal(PaymentOutcome.Done, (await first).Outcome);
        await Assert.ThrowsAnyAsync<DbException>(() => broken);
        Assert.Equal(PaymentOutcome.Done, (await neighbour).Outcome);
        Assert.Equal("Still standing", await NameAsync(currency));
    }

    [Fact]
    public async Task A_failure_while_cleaning_up_after_the_commit_is_not_a_failed_payment()
    {
        var currency = await CurrencyAsync();
        var batches = new GroupCommit(Site.Store, TimeProvider.System, NullLogger.Instance);

        var paid = await batches.WriteAsync(currency, async (session, _) =>
        {
            await session.ExecuteAsync("UPDATE pay_currencies SET name = 'Committed' WHERE id = @currency", new { currency });
            // Closing the connection, after the commit, fails.
            session.Connection.StateChange += (_, change) =>
            {
                if (change.CurrentState == ConnectionState.Closed) throw new InvalidOperationException("the connection could not be closed");
            };
            return Done;
        });

        Assert.Equal(PaymentOutcome.Done, paid.Outcome);
        Assert.Equal("Committed", await NameAsync(currency));
    }

    private async Task<long> CurrencyAsync()
    {
        var code = await (await SeedAsync(Site)).RunAsync("mutual_credit", creditLimit: "100");
        await using var connection = await Site.Store.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM pay_currencies WHERE code = @code", new { code });
    }

    private async Task<string?> NameAsync(long currency)
    {
        await using var connection = await Site.Store.OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT name FROM pay_currencies WHERE id = @currency", new { currency });
    }

    /// <summary>Each look at it finds it 6 seconds on: a movement's turn comes 6 seconds after it joined the queue.</summary>
    private sealed class SlowClock : TimeProvider
    {
        private long now;

        public override long GetTimestamp() => Interlocked.Add(ref now, 6 * TimestampFrequency);
    }
}
