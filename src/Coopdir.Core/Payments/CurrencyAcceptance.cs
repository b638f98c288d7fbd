using System.Data.Common;
using System.Globalization;
using Coopdir.Core.Accounts;
using Coopdir.Core.Currencies;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Dapper;

namespace Coopdir.Core.Payments;

/// <summary>An organization's account in a currency, and whether the directory shows the organization as accepting it.</summary>
public sealed class AcceptanceRow
{
    public string Account { get; init; } = "";
    public long OrganizationId { get; init; }
    public string? Name { get; init; }
    public long? RelationshipId { get; init; }
    public string? Status { get; init; }

    public bool Accepts => Status is "confirmed" or "corroborated";
}

/// <summary>
/// Where to spend it, from the accounts: an organization that holds an account in a currency shows as accepting it
/// once the operator confirms. Confirming writes the <c>accepts_currency</c> relationship (the organization → the
/// currency's record) through the relationships' write path, so it is a revision like any other: the organization's
/// side is its verified claimer having opened the account, the currency's side the operator (a verified claimer of
/// the currency's listing) confirming. Withdrawing is the currency's side ending it.
/// </summary>
public sealed class CurrencyAcceptance(Store store, TimeProvider clock)
{
    private readonly RelationshipEdits relationships = new(store, clock);

    public static async Task<IReadOnlyList<AcceptanceRow>> ListAsync(DbConnection connection, PayCurrency currency) =>
        (await connection.QueryAsync<AcceptanceRow>("""
            SELECT a.public_id AS Account, a.organization_id AS OrganizationId, o.name AS Name, r.id AS RelationshipId, r.status AS Status
            FROM pay_accounts a LEFT JOIN organizations o ON o.id = a.organization_id
            LEFT JOIN relationships r ON r.subject_id = a.organization_id AND r.object_id = @CurrencyId AND r.type = 'accepts_currency'
            WHERE a.currency_id = @Id AND a.role = 'member' AND a.organization_id IS NOT NULL ORDER BY a.id
            """, new { currency.Id, currency.CurrencyId })).AsList();

    public async Task<PaymentResult<AcceptanceRow>> ConfirmAsync(User user, string code, string account)
    {
        var (currency, holder, refused) = await CheckAsync(user, code, account);
        if (refused is not null) return refused;
        var at = clock.GetUtcNow();
        var opened = DateTimeOffset.Parse(holder!.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var result = await relationships.AffirmBothSidesAsync(holder.OrganizationId!.Value, Acceptance.AcceptsCurrency, currency!.CurrencyId,
            new Assertion(Party.Subject, Voice.Claimer, Stance.Asserts, opened, holder.HolderName ?? $"organization {holder.OrganizationId}"),
            new Assertion(Party.Object, Voice.Claimer, Stance.Asserts, at, user.Name),
            new ChangeNote(user.Name, $"{currency.Code}'s operator confirmed that account {holder.PublicId} accepts {currency.Code}", UserId: user.Id));
        return await AnswerAsync(result, currency, holder);
    }

    public async Task<PaymentResult<AcceptanceRow>> WithdrawAsync(User user, string code, string account)
    {
        var (currency, holder, refused) = await CheckAsync(user, code, account);
        if (refused is not null) return refused;
        var row = await RowAsync(currency!, holder!);
        if (row.RelationshipId is not { } id || !row.Accepts)
            return PaymentResult<AcceptanceRow>.Conflict($"{row.Name ?? holder!.PublicId} is not shown as accepting {currency!.Code}: there is nothing to withdraw.");
        var result = await relationships.AssertAsync(user, id, Party.Object, Stance.Ends, null);
        return await AnswerAsync(result, currency!, holder!);
    }

    private async Task<(PayCurrency?, PayAccount?, PaymentResult<AcceptanceRow>?)> CheckAsync(User user, string code, string account)
    {
        await using var connection = await store.OpenAsync();
        var currency = await PaymentQueries.CurrencyAsync(connection, code);
        var holder = currency is null || account.Length > PaymentInput.MaxAccountId ? null : await PaymentQueries.AccountAsync(connection, currency.Id, account);
        if (currency is null || holder is null) return (null, null, PaymentResult<AcceptanceRow>.NotFound($"There is no account {PaymentInput.Short(account)} in {PaymentInput.Short(code)}."));
        if (!await CurrencyOperations.IsOperatorAsync(connection, currency, user))
            return (null, null, PaymentResult<AcceptanceRow>.Forbidden($"Only the operator of {currency.Code} ({currency.OperatorName}, through its verified claimers) confirms who accepts it."));
        if (holder is not { Role: AccountRole.Member, OrganizationId: not null })
            return (null, null, PaymentResult<AcceptanceRow>.Invalid("account", $"{holder.PublicId} is not an organization's member account: only a business or organization accepts a currency"));
        // The operator speaks for the currency's side as a verified claimer of its listing: running it asked for that, but a claim can be withdrawn since.
        if (!await Claims.ListingClaims.IsVerifiedClaimerAsync(connection, currency.CurrencyId, user.Id))
            return (null, null, PaymentResult<AcceptanceRow>.Forbidden($"Only a verified claimer of {currency.Code}'s own listing (organization {currency.CurrencyId}) speaks for the currency."));
        return (currency, holder, null);
    }

    private async Task<PaymentResult<AcceptanceRow>> AnswerAsync(RelationshipEditResult result, PayCurrency currency, PayAccount holder) => result.Outcome switch
    {
        EditOutcome.Applied or EditOutcome.Unchanged => new(PaymentOutcome.Done, await RowAsync(currency, holder)),
        EditOutcome.NotFound => PaymentResult<AcceptanceRow>.NotFound(result.Detail ?? "Not found."),
        EditOutcome.Invalid => PaymentResult<AcceptanceRow>.Invalid(result.Errors!),
        EditOutcome.Forbidden => PaymentResult<AcceptanceRow>.Forbidden(result.Detail ?? "Forbidden."),
        _ => PaymentResult<AcceptanceRow>.Conflict(result.Detail ?? "The organization changed meanwhile; try again."),
    };

    private async Task<AcceptanceRow> RowAsync(PayCurrency currency, PayAccount holder)
    {
        await using var connection = await store.OpenAsync();
        return (await ListAsync(connection, currency)).Single(r => r.Account == holder.PublicId);
    }
}
