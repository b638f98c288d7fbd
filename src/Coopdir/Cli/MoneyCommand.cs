using System.CommandLine;
using Coopdir.Core.Data;
using Coopdir.Core.Payments;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coopdir.Cli;

/// <summary>`coopdir money demurrage CODE --email OPERATOR`: charges this month's demurrage, for a monthly cron job.</summary>
public static class MoneyCommand
{
    public static Command Create()
    {
        var code = new Argument<string>("CODE") { Description = "The currency's code, e.g. RIV" };
        var email = AccountOption.Create();
        email.Description = "The operator's account (a verified claimer of the organization running the currency): the charge is theirs in the audit trail";
        var demurrage = new Command("demurrage", "Charge the current month's demurrage on positive balances; a second run in the month charges nothing") { code, email };
        demurrage.SetAction(async (parse, _) =>
        {
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            await using var connection = await store.OpenAsync();
            var user = await AccountOption.FindAsync(connection, parse, email);
            if (user is null) return 2;
            var result = await new Movements(store, TimeProvider.System, NullLogger<Movements>.Instance).ChargeDemurrageAsync(user, parse.GetValue(code)!);
            if (result.Outcome is not (PaymentOutcome.Done or PaymentOutcome.Replayed))
            {
                Console.Error.WriteLine(result.Detail);
                return result.Outcome == PaymentOutcome.Refused ? 1 : 2;
            }
            var currency = (await PaymentQueries.CurrencyAsync(connection, parse.GetValue(code)!))!;
            var run = result.Value!;
            Console.WriteLine(result.Outcome == PaymentOutcome.Done
                ? $"{currency.Code} {run.Period}: charged {currency.Format(run.Charged)} {currency.Unit} from {run.Accounts} accounts ({run.Rate} basis points)."
                : $"{currency.Code} {run.Period}: already charged on {run.CreatedAt[..10]} ({currency.Format(run.Charged)} {currency.Unit} from {run.Accounts} accounts); nothing charged now.");
            return 0;
        });
        return new Command("money", "A currency run here") { demurrage };
    }
}
