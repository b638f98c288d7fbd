using System.Data.Common;
using System.Security.Cryptography;
using Coopdir.Core.Accounts;
using Coopdir.Core.Claims;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Payments;

/// <summary>
/// Running a currency: the operator (a verified claimer of the municipality, network or co-op that runs it) makes it
/// from the directory's currency record, sets credit limits and freezes accounts; people and organizations (through
/// their verified claimers) open accounts. Every operator action goes into the audit trail in the same write.
/// </summary>
public sealed class CurrencyOperations(Store store, TimeProvider clock)
{
    public async Task<PaymentResult<PayCurrency>> CreateAsync(User user, CurrencyDraft draft)
    {
        var errors = PaymentInput.Check(draft);
        if (errors.Count > 0) return PaymentResult<PayCurrency>.Invalid(errors);
        var code = draft.Code!.Trim();
        await using (var connection = await store.OpenAsync())
        {
            if (await KindOfAsync(connection, draft.CurrencyId!.Value) != "currency")
                errors.Add(new("currency_id", $"organization {draft.CurrencyId} is not a currency of the directory (kind currency)"));
            var operatorKind = await KindOfAsync(connection, draft.OperatorId!.Value);
            if (operatorKind is null) errors.Add(new("operator_id", $"there is no organization with id {draft.OperatorId}"));
            else if (!MoneyModel.OperatorKinds.Contains(operatorKind))
                errors.Add(new("operator_id", $"a currency is run by a {string.Join(", ", MoneyModel.OperatorKinds)}, not a {operatorKind}"));
            if (errors.Count > 0) return PaymentResult<PayCurrency>.Invalid(errors);
            if (!await ListingClaims.IsVerifiedClaimerAsync(connection, draft.OperatorId.Value, user.Id))
                return PaymentResult<PayCurrency>.Forbidden($"Only a verified claimer of organization {draft.OperatorId} may run a currency for it: claim its listing first.");
            // The operator must also speak for the currency's own listing, or anyone's co-op could take a city's currency first.
            if (!await ListingClaims.IsVerifiedClaimerAsync(connection, draft.CurrencyId.Value, user.Id))
                return PaymentResult<PayCurrency>.Forbidden($"Only a verified claimer of the currency's own listing (organization {draft.CurrencyId}) may run it: claim that listing too.");
        }
        var decimals = draft.Decimals!.Value;
        var (publicKey, privateKey) = Ledger.LedgerLog.NewKey();
        var now = Now();
        await using var session = await store.BeginWriteAsync();
        if (await session.ScalarAsync<long>("SELECT count(*) FROM pay_currencies WHERE code = @code OR currency_id = @CurrencyId", new { code, draft.CurrencyId }) > 0)
            return PaymentResult<PayCurrency>.Conflict($"The code {code} is taken, or organization {draft.CurrencyId} already runs as a currency here.");
        long id;
        try
        {
            id = await session.ScalarAsync<long>(session.ReturningId("""
                INSERT INTO pay_currencies (code, currency_id, operator_id, name, unit, decimals, model, credit_limit, issuance_rule, payment_cap,
                    public_key, private_key, created_by, created_at)
                VALUES (@code, @CurrencyId, @OperatorId, @name, @unit, @decimals, @model, @limit, @rule, @cap, @publicKey, @privateKey, @user, @now)
                """), new
            {
                code, draft.CurrencyId, draft.OperatorId, name = draft.Name!.Trim(), unit = draft.Unit!.Trim(), decimals, model = draft.Model!.Trim(),
                limit = draft.CreditLimit is null ? 0 : Amounts.ParseLimit(draft.CreditLimit, decimals).Minor,
                rule = string.IsNullOrWhiteSpace(draft.IssuanceRule) ? null : draft.IssuanceRule.Trim(),
                cap = draft.PaymentCap is null ? (long?)null : Amounts.Parse(draft.PaymentCap, decimals).Minor,
                publicKey, privateKey, user = user.Id, now,
            });
        }
        catch (DbException e) when (!store.IsUnavailable(e))
        {
            // Another operator took the code or the record between the check and the insert (PostgreSQL writers run side by side).
            return PaymentResult<PayCurrency>.Conflict($"The code {code} is taken, or organization {draft.CurrencyId} already runs as a currency here.");
        }
        // Reserve-backed: the issuer may go down to minus the reserve (none yet); operator-issued: no floor.
        if (draft.Model!.Trim() != MoneyModel.MutualCredit)
            await InsertAccountAsync(session, id, AccountRole.Issuer, null, draft.OperatorId, draft.Model.Trim() == MoneyModel.ReserveBacked ? 0 : null, now);
        await AuditAsync(session, id, user, "created", $"Created {code} ({draft.Model.Trim()}, {decimals} decimals)", now);
        var written = (await PaymentQueries.CurrencyAsync(session, id))!;
        await session.CommitAsync();
        return new(PaymentOutcome.Done, written);
    }

    /// <summary>Opens the person's own account, or (as its verified claimer) an organization's.</summary>
    public async Task<PaymentResult<PayAccount>> OpenAccountAsync(User user, string code, long? organizationId)
    {
        PayCurrency? currency;
        await using (var connection = await store.OpenAsync())
        {
            currency = await PaymentQueries.CurrencyAsync(connection, code);
            if (currency is null) return PaymentResult<PayAccount>.NotFound($"There is no currency {PaymentInput.Short(code)} run here.");
            if (organizationId is { } org)
            {
                if (await KindOfAsync(connection, org) is null) return PaymentResult<PayAccount>.Invalid("organization_id", $"there is no organization with id {org}");
                if (!await ListingClaims.IsVerifiedClaimerAsync(connection, org, user.Id))
                    return PaymentResult<PayAccount>.Forbidden($"Only a verified claimer of organization {org} may open an account for it.");
            }
        }
        var floor = currency.Model == MoneyModel.MutualCredit ? -currency.CreditLimit : 0;
        await using var session = await store.BeginWriteAsync();
        var existing = await session.ScalarAsync<string?>(organizationId is null
            ? "SELECT public_id FROM pay_accounts WHERE currency_id = @Id AND user_id = @user AND organization_id IS NULL AND role = 'member'"
            : "SELECT public_id FROM pay_accounts WHERE currency_id = @Id AND organization_id = @organizationId AND role = 'member'",
            new { currency.Id, user = user.Id, organizationId });
        if (existing is not null) return AlreadyOpen(currency, organizationId, existing);
        long id;
        try
        {
            id = await InsertAccountAsync(session, currency.Id, AccountRole.Member, organizationId is null ? user.Id : null, organizationId, floor, Now());
        }
        catch (DbException e) when (!store.IsUnavailable(e))
        {
            // A second opening sent at the same moment (PostgreSQL writers run side by side) met the unique index: the first one won.
            return AlreadyOpen(currency, organizationId, null);
        }
        var written = (await PaymentQueries.AccountAsync(session, id))!;
        await session.CommitAsync();
        return new(PaymentOutcome.Done, written);
    }

    private static PaymentResult<PayAccount> AlreadyOpen(PayCurrency currency, long? organizationId, string? existing) =>
        PaymentResult<PayAccount>.Conflict($"{(organizationId is null ? "You already have" : $"Organization {organizationId} already has")} an account in {currency.Code}{(existing is null ? "" : $": {existing}")}.");

    /// <summary>
    /// The operator sets the fee on each payment and the monthly demurrage (all zero: none). The fee account they are
    /// paid into is opened, held by the operator, the first time any is set.
    /// </summary>
    public async Task<PaymentResult<PayCurrency>> SetChargesAsync(User user, string code, ChargesDraft draft)
    {
        PayCurrency? currency;
        await using (var connection = await store.OpenAsync())
        {
            currency = await PaymentQueries.CurrencyAsync(connection, code);
            if (currency is null) return PaymentResult<PayCurrency>.NotFound($"There is no currency {PaymentInput.Short(code)} run here.");
            if (!await IsOperatorAsync(connection, currency, user))
                return PaymentResult<PayCurrency>.Forbidden($"Only the operator of {currency.Code} ({currency.OperatorName}, through its verified claimers) may set its fees and demurrage.");
        }
        var (feeFixed, errors) = Charges.Check(draft, currency.Decimals);
        if (errors.Count > 0) return PaymentResult<PayCurrency>.Invalid(errors);
        int feeRate = draft.FeeBasisPoints ?? 0, demurrage = draft.DemurrageBasisPoints ?? 0;
        var now = Now();
        await using var session = await store.BeginWriteAsync();
        // The currency's row first, as every movement takes it: a payment sees the fee before or after, never half.
        await Ledger.LedgerLog.LockAsync(session, currency.Id);
        await session.ExecuteAsync("UPDATE pay_currencies SET fee_rate = @feeRate, fee_fixed = @feeFixed, demurrage_rate = @demurrage WHERE id = @Id",
            new { feeRate, feeFixed, demurrage, currency.Id });
        if ((feeRate > 0 || feeFixed > 0 || demurrage > 0) && await PaymentQueries.FeeAccountAsync(session, currency.Id) is null)
            await InsertAccountAsync(session, currency.Id, AccountRole.Fees, null, currency.OperatorId, 0, now);
        await AuditAsync(session, currency.Id, user, "charges",
            $"Fee {feeRate} basis points + {currency.Format(feeFixed)} a payment; demurrage {demurrage} basis points a month", now);
        var written = (await PaymentQueries.CurrencyAsync(session, currency.Id))!;
        await session.CommitAsync();
        return new(PaymentOutcome.Done, written);
    }

    /// <summary>The operator sets a member's credit limit (mutual credit) or freezes and unfreezes the account.</summary>
    public async Task<PaymentResult<PayAccount>> ChangeAccountAsync(User user, string code, string publicId, string? creditLimit, bool? frozen)
    {
        PayCurrency? currency;
        PayAccount? account;
        await using (var connection = await store.OpenAsync())
        {
            currency = await PaymentQueries.CurrencyAsync(connection, code);
            account = currency is null ? null : await PaymentQueries.AccountAsync(connection, currency.Id, publicId);
            if (currency is null || account is null) return PaymentResult<PayAccount>.NotFound($"There is no account {PaymentInput.Short(publicId)} in {PaymentInput.Short(code)}.");
            if (!await ListingClaims.IsVerifiedClaimerAsync(connection, currency.OperatorId, user.Id))
                return PaymentResult<PayAccount>.Forbidden($"Only the operator of {currency.Code} ({currency.OperatorName}, through its verified claimers) may change its accounts.");
        }
        long? floor = null;
        if (creditLimit is not null)
        {
            if (currency.Model != MoneyModel.MutualCredit || account.Role != AccountRole.Member)
                return PaymentResult<PayAccount>.Invalid("credit_limit", "only a member account of a mutual credit currency has a credit limit");
            var (minor, error) = Amounts.ParseLimit(creditLimit, currency.Decimals);
            if (error is not null) return PaymentResult<PayAccount>.Invalid("credit_limit", error);
            floor = -minor;
        }
        if (floor is null && frozen is null) return PaymentResult<PayAccount>.Invalid("body", "give credit_limit, frozen or both");
        var now = Now();
        await using var session = await store.BeginWriteAsync();
        if (floor is { } f) await session.ExecuteAsync("UPDATE pay_accounts SET floor = @f WHERE id = @Id", new { f, account.Id });
        if (frozen is { } fr) await session.ExecuteAsync("UPDATE pay_accounts SET frozen = @fr WHERE id = @Id", new { fr, account.Id });
        var what = string.Join(", ", new[] { floor is null ? null : $"credit limit {currency.Format(-floor.Value)}", frozen is null ? null : frozen.Value ? "frozen" : "unfrozen" }.OfType<string>());
        await AuditAsync(session, currency.Id, user, "account", $"Account {account.PublicId}: {what}", now);
        var written = (await PaymentQueries.AccountAsync(session, account.Id))!;
        await session.CommitAsync();
        return new(PaymentOutcome.Done, written);
    }

    public static async Task<bool> IsOperatorAsync(DbConnection connection, PayCurrency currency, User? user) =>
        user is not null && await ListingClaims.IsVerifiedClaimerAsync(connection, currency.OperatorId, user.Id);

    /// <summary>The holder: the person of a personal account, a verified claimer of an organization's (the operator's, for its fee account).</summary>
    public static async Task<bool> HoldsAsync(DbConnection connection, PayAccount account, User? user) =>
        user is not null && account.Role is AccountRole.Member or AccountRole.Fees && (account.OrganizationId is { } org
            ? await ListingClaims.IsVerifiedClaimerAsync(connection, org, user.Id)
            : account.UserId == user.Id);

    internal static Task AuditAsync(WriteSession session, long currencyId, User user, string action, string detail, string now) =>
        session.ExecuteAsync("INSERT INTO pay_operator_actions (currency_id, user_id, action, detail, created_at) VALUES (@currencyId, @user, @action, @detail, @now)",
            new { currencyId, user = user.Id, action, detail, now });

    /// <summary>Opens an account of any role, with its two ids: the one people are shown and the ledger's pseudonym.</summary>
    internal static Task<long> InsertAccountAsync(WriteSession session, long currencyId, string role, long? userId, long? organizationId, long? floor, string now) =>
        session.ScalarAsync<long>(session.ReturningId("""
            INSERT INTO pay_accounts (currency_id, public_id, ledger_id, role, user_id, organization_id, balance, floor, frozen, created_at)
            VALUES (@currencyId, @publicId, @ledgerId, @role, @userId, @organizationId, 0, @floor, @no, @now)
            """), new
        {
            currencyId, publicId = "acct-" + RandomNumberGenerator.GetHexString(16, lowercase: true),
            // Drawn apart from the public id: nothing that shows one leads to the other.
            ledgerId = "anon-" + RandomNumberGenerator.GetHexString(20, lowercase: true),
            role, userId, organizationId, floor, no = false, now,
        });

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ");

    private static Task<string?> KindOfAsync(DbConnection connection, long id) =>
        connection.ExecuteScalarAsync<string?>("SELECT kind FROM organizations WHERE id = @id", new { id });
}
