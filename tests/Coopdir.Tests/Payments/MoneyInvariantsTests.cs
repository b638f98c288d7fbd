using System.Globalization;
using System.Text;
using Coopdir.Core.Accounts;
using Coopdir.Core.Payments;
using Coopdir.Core.Payments.Ledger;
using Coopdir.Tests.Support;
using Dapper;

namespace Coopdir.Tests.Payments;

/// <summary>
/// Property tests: generated sequences of transfers, issuances, redemptions and reserve deposits (amounts of any
/// precision, accounts of any holder, some frozen) through the product's own write path, with the invariants checked
/// after every step: mutual credit sums to zero, circulation never exceeds the reserve, no balance below its floor,
/// every balance the sum of its entries, every amount in the currency's precision, and the log's root that of its leaves.
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
        var clock = TimeProvider.System;
        var operations = new CurrencyOperations(Site.Store, clock);
        var movements = new Movements(Site.Store, clock);
        var decimals = random.Next(0, 4);
        var created = await operations.CreateAsync(world.Treasurer.User, new CurrencyDraft(world.CurrencyRecord, world.City, "PROP", "Property Pound", "P", decimals, model,
            model == MoneyModel.MutualCredit ? "300" : null, model == MoneyModel.OperatorIssued ? "Grants for volunteering." : null, null));
        Assert.Equal(PaymentOutcome.Done, created.Outcome);
        var currency = created.Value!;
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
                0 when model == MoneyModel.ReserveBacked => await movements.DepositReserveAsync(world.Treasurer.User, currency.Code, draft with { From = null, To = null }),
                1 or 2 when model != MoneyModel.MutualCredit => await movements.IssueAsync(world.Treasurer.User, currency.Code, draft with { From = null }),
                3 when model == MoneyModel.ReserveBacked => await movements.RedeemAsync(user, currency.Code, draft with { To = null }),
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

        var leaves = (await connection.QueryAsync<(string Leaf, string Root)>("SELECT leaf, root FROM pay_ledger WHERE currency_id = @Id ORDER BY idx", new { currency.Id })).ToList();
        Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM pay_transfers WHERE currency_id = @Id", new { currency.Id }), leaves.Count);
        if (leaves.Count == 0) return;
        var hashes = leaves.Select(l => MerkleTree.LeafHash(Encoding.UTF8.GetBytes(l.Leaf))).ToList();
        Assert.Equal(Convert.ToHexStringLower(MerkleTree.Root(hashes)), leaves[^1].Root);
        var amount = System.Text.Json.JsonDocument.Parse(leaves[^1].Leaf).RootElement.GetProperty("amount").GetString()!;
        Assert.Equal(currency.Decimals, amount.Contains('.') ? amount.Length - amount.IndexOf('.') - 1 : 0);
    }
}
