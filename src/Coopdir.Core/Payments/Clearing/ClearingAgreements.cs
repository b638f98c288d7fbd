using System.Data.Common;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Payments.Clearing;

public sealed record AgreementDraft(string? Name, string? PeerUrl, string? PeerCurrency, string? RateUnits, string? RatePeerUnits, string? Limit, string? Secret);

/// <summary>
/// The operator records its side of a clearing agreement: the peer currency (here, or at another instance's base URL),
/// the agreed rate, how far this side lets the peer's payers run up credit (the limit: the clearing account's floor is
/// minus it), and the secret both operators hold. Its clearing account is opened in the same write.
/// </summary>
public sealed partial class ClearingAgreements(Store store, TimeProvider clock)
{
    public const int MaxName = 64;
    public const int MaxUrl = 300;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();

    internal const string Select = """
        SELECT g.id AS Id, g.currency_id AS CurrencyId, g.name AS Name, g.peer_url AS PeerUrl, g.peer_currency AS PeerCurrency,
               g.rate_units AS RateUnits, g.rate_peer_units AS RatePeerUnits, g.account_id AS AccountId, a.public_id AS AccountPublicId,
               a.balance AS AccountBalance, a.floor AS AccountFloor, g.created_at AS CreatedAt,
               (SELECT COUNT(*) FROM pay_clearing_transfers t WHERE t.agreement_id = g.id
                   AND (t.state IN ('preparing', 'prepared') OR (t.role = 'coordinator' AND t.peer_done = @no))) AS Unfinished
        FROM pay_clearing_agreements g JOIN pay_accounts a ON a.id = g.account_id
        """;

    public async Task<PaymentResult<ClearingAgreement>> CreateAsync(User user, string code, AgreementDraft draft)
    {
        PayCurrency? currency;
        await using (var connection = await store.OpenAsync())
        {
            currency = await PaymentQueries.CurrencyAsync(connection, code);
            if (currency is null) return PaymentResult<ClearingAgreement>.NotFound($"There is no currency {PaymentInput.Short(code)} run here.");
            if (!await CurrencyOperations.IsOperatorAsync(connection, currency, user))
                return PaymentResult<ClearingAgreement>.Forbidden($"Only the operator of {currency.Code} ({currency.OperatorName}, through its verified claimers) may make its clearing agreements.");
            var errors = Check(draft, currency);
            if (errors.Count == 0 && draft.PeerUrl is null)
            {
                var peer = await PaymentQueries.CurrencyAsync(connection, draft.PeerCurrency!);
                if (peer is null) errors.Add(new("peer_currency", $"there is no currency {PaymentInput.Short(draft.PeerCurrency!)} run here: give peer_url for one run elsewhere"));
                else if (peer.Id == currency.Id) errors.Add(new("peer_currency", "is this currency: clearing is between two currencies"));
            }
            if (errors.Count > 0) return PaymentResult<ClearingAgreement>.Invalid(errors);
        }
        var (rate, _, _) = ClearingRate.Parse(draft.RateUnits, draft.RatePeerUnits);
        var limit = Amounts.ParseLimit(draft.Limit, currency.Decimals).Minor;
        var now = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ");
        var name = draft.Name!.Trim();
        await using var session = await store.BeginWriteAsync();
        await Ledger.LedgerLog.LockAsync(session, currency.Id);
        if (await session.ScalarAsync<long>("SELECT COUNT(*) FROM pay_clearing_agreements WHERE currency_id = @Id AND name = @name", new { currency.Id, name }) > 0)
            return PaymentResult<ClearingAgreement>.Conflict($"{currency.Code} already has a clearing agreement named {name}.");
        var accountId = await CurrencyOperations.InsertAccountAsync(session, currency.Id, AccountRole.Clearing, null, null, -limit, now);
        await session.ExecuteAsync("""
            INSERT INTO pay_clearing_agreements (currency_id, name, peer_url, peer_currency, rate_units, rate_peer_units, secret, account_id, created_by, created_at)
            VALUES (@Id, @name, @peerUrl, @peerCurrency, @Units, @PeerUnits, @secret, @accountId, @user, @now)
            """, new
        {
            currency.Id, name, peerUrl = draft.PeerUrl?.Trim().TrimEnd('/'), peerCurrency = draft.PeerCurrency!.Trim().ToUpperInvariant(),
            rate!.Units, rate.PeerUnits, secret = draft.Secret, accountId, user = user.Id, now,
        });
        await CurrencyOperations.AuditAsync(session, currency.Id, user, "clearing",
            $"Clearing agreement {name} with {draft.PeerCurrency!.Trim().ToUpperInvariant()}{(draft.PeerUrl is null ? "" : " at " + draft.PeerUrl.Trim())}: {rate}, limit {currency.Format(limit)}", now);
        var written = (await session.QuerySingleOrDefaultAsync<ClearingAgreement>(Select + " WHERE g.currency_id = @Id AND g.name = @name", new { currency.Id, name, no = false }))!;
        await session.CommitAsync();
        return new(PaymentOutcome.Done, written);
    }

    public static async Task<IReadOnlyList<ClearingAgreement>> ListAsync(DbConnection connection, long currencyId) =>
        (await connection.QueryAsync<ClearingAgreement>(Select + " WHERE g.currency_id = @currencyId ORDER BY g.id", new { currencyId, no = false })).AsList();

    public static Task<ClearingAgreement?> GetAsync(DbConnection connection, long currencyId, string name) =>
        name.Length > MaxName ? Task.FromResult<ClearingAgreement?>(null)
            : connection.QuerySingleOrDefaultAsync<ClearingAgreement?>(Select + " WHERE g.currency_id = @currencyId AND g.name = @name",
                new { currencyId, name = name.Trim(), no = false });

    internal static Task<ClearingAgreement?> GetAsync(WriteSession session, long currencyId, string name) =>
        session.QuerySingleOrDefaultAsync<ClearingAgreement?>(Select + " WHERE g.currency_id = @currencyId AND g.name = @name", new { currencyId, name, no = false });

    internal static Task<string?> SecretAsync(DbConnection connection, long agreementId) =>
        connection.ExecuteScalarAsync<string?>("SELECT secret FROM pay_clearing_agreements WHERE id = @agreementId", new { agreementId });

    internal static List<FieldError> Check(AgreementDraft d, PayCurrency currency)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(d.Name)) errors.Add(new("name", "is required: the agreement's id, the same one both operators record"));
        else if (d.Name.Trim().Length > MaxName || !NamePattern().IsMatch(d.Name.Trim()))
            errors.Add(new("name", $"must be up to {MaxName} letters, digits, '.', '_' or '-', starting with a letter or digit"));
        Uri? url = null;
        if (d.PeerUrl is not null && (d.PeerUrl.Length > MaxUrl || !Uri.TryCreate(d.PeerUrl.Trim(), UriKind.Absolute, out url)
                || url.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || url.UserInfo.Length > 0))
            errors.Add(new("peer_url", $"must be the peer instance's base URL, absolute https without query or user name, up to {MaxUrl} characters"));
        // The calls are signed but not secret: who pays whom, and how much, crosses the network only encrypted.
        else if (url is { Scheme: "http", IsLoopback: false })
            errors.Add(new("peer_url", "must be https: plain http is allowed only for a peer on this machine (localhost)"));
        if (string.IsNullOrWhiteSpace(d.PeerCurrency)) errors.Add(new("peer_currency", "is required: the peer currency's code"));
        else if (d.PeerCurrency.Trim().Length > 8) errors.Add(new("peer_currency", "is longer than 8 characters, the longest currency code"));
        if (ClearingRate.Parse(d.RateUnits, d.RatePeerUnits) is { Error: { } rateError, Field: { } field }) errors.Add(new(field, rateError));
        var limit = d.Limit is null ? default : Amounts.ParseLimit(d.Limit, currency.Decimals);
        if (d.Limit is null) errors.Add(new("limit", $"is required: how far below zero {currency.Code}'s clearing account may go for the peer's payers, e.g. \"1000\""));
        else if (limit.Error is { } limitError) errors.Add(new("limit", limitError));
        // Units of a reserve-backed currency exist only against its reserve: its clearing account may pay the peer's payers
        // out of what its own payers sent the other way, never by going below zero.
        else if (currency.Model == MoneyModel.ReserveBacked && limit.Minor > 0)
            errors.Add(new("limit", $"must be 0 for {currency.Code}, a reserve-backed currency: a clearing account below zero would put units in circulation beyond the reserve"));
        if (d.Secret is null || d.Secret.Length < ClearingSignature.MinSecretLength || d.Secret.Length > ClearingSignature.MaxSecretLength)
            errors.Add(new("secret", $"is required: {ClearingSignature.MinSecretLength} to {ClearingSignature.MaxSecretLength} characters both operators hold, to sign the protocol's calls"));
        return errors;
    }
}
