using System.Data.Common;
using System.Globalization;
using System.Security.Claims;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Exports;
using Coopdir.Core.Payments;
using Coopdir.Edits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Coopdir.Payments;

/// <summary>Statements: an account's movements as JSON pages or one CSV file, for its holder and the operator only.</summary>
public static class PaymentStatements
{
    public const int PageSize = 100;
    public const int MaxCsvLines = 100_000;

    /// <summary>The currency and account when <paramref name="user"/> may see the account; else the problem (404 for an account the caller may not see).</summary>
    internal static async Task<(PayCurrency? Currency, PayAccount? Account, ProblemHttpResult? Problem)> VisibleAsync(DbConnection connection, string code, string account, User? user)
    {
        var currency = await PaymentQueries.CurrencyAsync(connection, code);
        if (currency is null) return (null, null, PaymentsEndpoints.NoCurrency(code));
        var found = account.Length > PaymentInput.MaxAccountId ? null : await PaymentQueries.AccountAsync(connection, currency.Id, account);
        if (found is null) return (null, null, Problems.NotFound($"There is no account {PaymentInput.Short(account)} in {currency.Code}."));
        if (!await CurrencyOperations.HoldsAsync(connection, found, user) && !await CurrencyOperations.IsOperatorAsync(connection, currency, user))
            return (null, null, EditResponses.Forbidden($"Only the holder of account {found.PublicId} and the operator of {currency.Code} may see its balance and statement."));
        return (currency, found, null);
    }

    internal static StatementLine Line(PayCurrency c, PayAccount a, PayTransfer t)
    {
        var paid = t.DebitId == a.Id;
        return new StatementLine(t.Id, t.Kind, paid ? t.CreditPublicId : t.DebitPublicId, c.Format(paid ? -t.Amount : t.Amount), t.Memo, t.LedgerIndex, t.CreatedAt);
    }

    internal static async Task<Results<Ok<StatementResponse>, ValidationProblem, ProblemHttpResult>> Json(string code, string account,
        [FromQuery(Name = "before")] string? before, ClaimsPrincipal principal, Store store)
    {
        long? beforeId = null;
        if (before is not null)
        {
            if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var b)) return Problems.InvalidParameters([new("before", "must be a movement id from the last page's next")]);
            beforeId = b;
        }
        await using var connection = await store.OpenAsync();
        var (currency, found, problem) = await VisibleAsync(connection, code, account, principal.ToUser());
        if (problem is not null) return problem;
        var lines = await PaymentQueries.StatementAsync(connection, found!.Id, beforeId, PageSize + 1);
        var next = lines.Count > PageSize ? $"/api/v1/money/currencies/{currency!.Code}/accounts/{found.PublicId}/statement?before={lines[PageSize - 1].Id}" : null;
        return TypedResults.Ok(new StatementResponse(AccountResponse.From(currency!, found), lines.Take(PageSize).Select(t => Line(currency!, found, t)).ToList(), next));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Csv(string code, string account, ClaimsPrincipal principal, Store store, TimeProvider clock)
    {
        await using var connection = await store.OpenAsync();
        var (currency, found, problem) = await VisibleAsync(connection, code, account, principal.ToUser());
        if (problem is not null) return problem;
        var lines = await PaymentQueries.StatementAsync(connection, found!.Id, null, MaxCsvLines);
        return TypedResults.File(Write(currency!, found, lines), "text/csv; charset=utf-8", $"{currency!.Code}-{found.PublicId}-{clock.GetUtcNow():yyyy-MM-dd}.csv");
    }

    /// <summary>Oldest first, with the running balance, so the last line's balance is the account's.</summary>
    internal static byte[] Write(PayCurrency currency, PayAccount account, IReadOnlyList<PayTransfer> newestFirst)
    {
        var balance = account.Balance;
        var rows = new List<(StatementLine Line, long Balance)>();
        foreach (var t in newestFirst)
        {
            rows.Add((Line(currency, account, t), balance));
            balance -= t.DebitId == account.Id ? -t.Amount : t.Amount;
        }
        // The exports' CSV writer: the same quoting, and every cell a spreadsheet would run as a formula shown as text
        // (the payer writes the memo).
        var output = new MemoryStream();
        CsvExport.WriteTable(output, ["id", "date", "kind", "counterparty", "amount", "balance", "memo", "ledger_index"],
            Enumerable.Reverse(rows).Select(r => (IReadOnlyList<string?>)[
                r.Line.Id.ToString(CultureInfo.InvariantCulture), r.Line.CreatedAt, r.Line.Kind, r.Line.Counterparty, r.Line.Amount,
                currency.Format(r.Balance), r.Line.Memo, r.Line.LedgerIndex.ToString(CultureInfo.InvariantCulture)]));
        return output.ToArray();
    }
}
