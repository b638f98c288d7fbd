using System.Globalization;
using System.Text;
using Coopdir.Core.Accounts;
using Coopdir.Core.Payments;
using Coopdir.Core.Payments.Ledger;
using Coopdir.Tests.Support;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Coopdir.Tests.Payments;

/// <summary>
/// Property tests: generated sequences of transfers (each paying a generated fee), issuances, redemptions, reserve
/// deposits and monthly demurrage (amounts of any precision, accounts of any holder, some frozen, a clock that moves
/// on by days and months) through the product's own write path, with the invariants checked after every step: mutual
/// credit sums to zero, circulation never exceeds the reserve, no balance below its floor, every balance the sum of its
/// entries, every amount in the currency's precision, every fee the rule's, one demurrage charge per account and
/// period, and the log's root that of its leaves.
/// A few seeds here; bench/ runs long sequences.
/// </summary>
public sealed class MoneyInvariantsTests : SiteTest
{
    private const int Steps = 120;

    [Theory]
    [InlineData(MoneyModel.MutualCredit, 1)]
    [InlineData(MoneyModel.ReserveBacked, 2)]
    [InlineData(MoneyModel.OperatorIssued, 3)]
    public async Task Invariants_hold_after_every_step_of_a_generated_sequence(string model, int seed)
    {
        var world = await MoneyWorld.SeedAsync(Site);
        var random = new Random(seed);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var operations = new CurrencyOperations(Site.Store, clock);
        var movements = new Movements(Site.Store, clock, NullLogger<Movements>.Instance);
        var decimals = random.Next(0, 4);
        var created = await operations.CreateAsync(world.Treasurer.User, new CurrencyDraft(world.CurrencyRecord, world.City, "PROP", "Property Pound", "P", decimals, model,
            model == MoneyModel.MutualCredit ? "300" : null, model == MoneyModel.OperatorIssued ? "Grants for volunteering." : null, null));
        Assert.Equal(PaymentOutcome.Done, created.Outcome);
        // Fees and demurrage of their own each run: a rate or a fixed part or both, and a monthly demurrage.
        var feeRate = random.Next(3) == 0 ? 0 : random.Next(1, 300);
        var charged = await operations.SetChargesAsync(world.Treasurer.User, created.Value!.Code,
            new ChargesDraft(feeRate, feeRate == 0 || random.Next(2) == 0 ? "1" : null, random.Next(1, 500)));
        Assert.Equal(PaymentOutcome.Done, charged.Outcome);
        var currency = charged.Value!;
        var holders = new List<(User User, string Account)>();
        foreach (var holder in new[] { world.Resident, world.ShopOwner, await Site.AccountAsync(Roles.Contributor, "Pat"), await Site.AccountAsync(Roles.Contributor, "Lee") })
            holders.Add((holder.User, (await operations.OpenAccountAsync(holder.User, currency.Code, null)).Value!.PublicId));
        var done = 0;
        for (var step = 0; step < Steps; step++)
        {
            var (user, account) = holders[random.Next(holders.Count)];
            var other = holders[random.Next(holders.Count)].Account;
            var amount = Amount(random, decimals);
            var key = $"k{step}";
            var draft = new MovementDraft(account, other, amount, null, key);
            var result = random.Next(10) switch
            {
                // Deposits larger than payments, so that issuance (twice as often) mostly has a reserve to draw on.
                0 when model == MoneyModel.ReserveBacked => await movements.DepositReserveAsync(world.Treasurer.User, currency.Code, draft with { From = null, To = null, Amount = "300" }),
                1 or 2 when model != MoneyModel.MutualCredit => await movements.IssueAsync(world.Treasurer.User, currency.Code, draft with { From = null }),
                3 when model == MoneyModel.ReserveBacked => await movements.RedeemAsync(user, currency.Code, draft with { To = null }),
                5 => await DemurrageAsync(movements, world.Treasurer.User, currency, clock, random),
                4 => await operations.ChangeAccountAsync(world.Treasurer.User, currency.Code, account, null, random.Next(4) == 0) is var changed && changed.Outcome == PaymentOutcome.Done
                    ? new PaymentResult<PayTransfer>(PaymentOutcome.Refused, Detail: "changed an account") : throw new InvalidOperationException(changed.Detail),
                _ => await movements.TransferAsync(user, currency.Code, draft),
            };
            Assert.NotEqual(PaymentOutcome.Forbidden, result.Outcome);
            if (result.Outcome == PaymentOutcome.Done) done++;
            if (result.Outcome == PaymentOutcome.Invalid) Assert.Contains(result.Errors!, e => e.Field is "amount" or "to");
            await AssertInvariantsAsync(currency, model);
        }
        Assert.True(done > Steps / 5, $"only {done} movements of {Steps} went through: the sequence tests little");
        await using var connection = await Site.Store.OpenAsync();
        var kinds = (await connection.QueryAsync<string>("SELECT DISTINCT kind FROM pay_transfers WHERE currency_id = @Id", new { currency.Id })).ToList();
        Assert.True(kinds.Contains(TransferKind.Fee) && kinds.Contains(TransferKind.Demurrage), $"no fee or no demurrage charged: {string.Join(", ", kinds)}");
    }

    /// <summary>The clock moves on (often into another month); demurrage is charged, and charging it again in the period changes nothing.</summary>
    private async Task<PaymentResult<PayTransfer>> DemurrageAsync(Movements movements, User treasurer, PayCurrency currency, FakeTimeProvider clock, Random random)
    {
        clock.Advance(TimeSpan.FromDays(random.Next(0, 40)));
        var first = await movements.ChargeDemurrageAsync(treasurer, currency.Code);
        Assert.True(first.Outcome is PaymentOutcome.Done or PaymentOutcome.Replayed, first.Detail);
        var entries = await CountAsync(currency);
        Assert.Equal(PaymentOutcome.Replayed, (await movements.ChargeDemurrageAsync(treasurer, currency.Code)).Outcome);
        Assert.Equal(entries, await CountAsync(currency));
        return new PaymentResult<PayTransfer>(first.Outcome == PaymentOutcome.Done ? PaymentOutcome.Done : PaymentOutcome.Refused, Detail: "charged demurrage");
    }

    private async Task<long> CountAsync(PayCurrency currency)
    {
        await using var connection = await Site.Store.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM pay_transfers WHERE currency_id = @Id", new { currency.Id });
    }

    /// <summary>An amount as a person might type it: mostly within the precision, sometimes finer, zero or negative.</summary>
    private static string Amount(Random random, int decimals)
    {
        var places = random.Next(8) == 0 ? decimals + 1 : random.Next(decimals + 1);
        var value = Math.Round((decimal)(random.NextDouble() * 80), places);
        return random.Next(20) == 0 ? "-" + value.ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
    }

    private async Task AssertInvariantsAsync(PayCurrency currency, string model)
    {
        await using var connection = await Site.Store.OpenAsync();
        var accounts = (await connection.QueryAsync<(long Id, string Role, long Balance, long? Floor)>(
            "SELECT id, role, balance, floor FROM pay_accounts WHERE currency_id = @Id", new { currency.Id })).ToList();
        Assert.Equal(0, accounts.Sum(a => a.Balance));
        Assert.All(accounts, a => Assert.True(a.Floor is null || a.Balance >= a.Floor, $"account {a.Id} at {a.Balance}, below {a.Floor}"));
        foreach (var a in accounts)
        {
            var entries = await connection.ExecuteScalarAsync<long>(
                "SELECT COALESCE(SUM(CASE WHEN credit_id = @Id THEN amount ELSE -amount END), 0) FROM pay_transfers WHERE debit_id = @Id OR credit_id = @Id", new { a.Id });
            Assert.Equal(entries, a.Balance);
        }
        var reserve = await connection.ExecuteScalarAsync<long>("SELECT reserve FROM pay_currencies WHERE id = @Id", new { currency.Id });
        if (model == MoneyModel.ReserveBacked) Assert.True(-accounts.Single(a => a.Role == AccountRole.Issuer).Balance <= reserve, "circulation above the reserve");
        if (model == MoneyModel.MutualCredit) Assert.DoesNotContain(accounts, a => a.Role == AccountRole.Issuer);
        Assert.All(await connection.QueryAsync<long>("SELECT amount FROM pay_transfers WHERE currency_id = @Id", new { currency.Id }), amount => Assert.True(amount > 0));
        // Every payment paid the rule's fee, from its own payer (none where the rule comes to zero), and each period's demurrage once.
        var payments = await connection.QueryAsync<(long Amount, long Payer, long? Fee, long? FeePayer)>("""
            SELECT t.amount, t.debit_id, f.amount, f.debit_id FROM pay_transfers t LEFT JOIN pay_transfers f ON f.fee_of = t.id
            WHERE t.currency_id = @Id AND t.kind = 'transfer'
            """, new { currency.Id });
        Assert.All(payments, p => Assert.Equal(Charges.FeeOn(currency, p.Amount) is var fee && fee > 0 ? (fee, p.Payer) : (null, null), (p.Fee, p.FeePayer)));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM (SELECT debit_id FROM pay_transfers WHERE currency_id = @Id AND kind = 'demurrage'
                GROUP BY debit_id, substr(memo, 1, 17) HAVING count(*) > 1) AS twice
            """, new { currency.Id }));

        var leaves = (await connection.QueryAsync<(string Leaf, string Root)>("SELECT leaf, root FROM pay_ledger WHERE currency_id = @Id ORDER BY idx", new { currency.Id })).ToList();
        Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM pay_transfers WHERE currency_id = @Id", new { currency.Id }), leaves.Count);
        if (leaves.Count == 0) return;
        var hashes = leaves.Select(l => MerkleTree.LeafHash(Encoding.UTF8.GetBytes(l.Leaf))).ToList();
        Assert.Equal(Convert.ToHexStringLower(MerkleTree.Root(hashes)), leaves[^1].Root);
        var amount = System.Text.Json.JsonDocument.Parse(leaves[^1].Leaf).RootElement.GetProperty("amount").GetString()!;
        Assert.Equal(currency.Decimals, amount.Contains('.') ? amount.Length - amount.IndexOf('.') - 1 : 0);
    }
}
