using System.Text.RegularExpressions;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Payments;

public sealed record CurrencyDraft(long? CurrencyId, long? OperatorId, string? Code, string? Name, string? Unit, int? Decimals, string? Model,
    string? CreditLimit, string? IssuanceRule, string? PaymentCap);

public sealed record MovementDraft(string? From, string? To, string? Amount, string? Memo, string? IdempotencyKey, string? Request = null);

/// <summary>The size and shape limits of what people send about money, checked before anything is read or written.</summary>
public static partial class PaymentInput
{
    public const int MaxBodyBytes = 16 * 1024;
    public const int MaxName = 100;
    public const int MaxUnit = 20;
    public const int MaxRule = 2000;
    public const int MaxMemo = 140;
    public const int MaxKey = 100;
    public const int MaxAccountId = 40;

    /// <summary>The keys of the movements Coopdir makes itself (fees, demurrage), which no client may take.</summary>
    public const string ReservedKeyPrefix = "coopdir:";

    [GeneratedRegex("^[A-Z][A-Z0-9]{2,7}$")]
    private static partial Regex CodePattern();

    public static List<FieldError> Check(CurrencyDraft d)
    {
        var errors = new List<FieldError>();
        if (d.CurrencyId is null) errors.Add(new("currency_id", "is required: the directory record (kind currency) this currency is"));
        if (d.OperatorId is null) errors.Add(new("operator_id", "is required: the municipality, network or co-op that runs it"));
        if (string.IsNullOrWhiteSpace(d.Code)) errors.Add(new("code", "is required, 3 to 8 capital letters or digits starting with a letter, e.g. BRISTOL"));
        else if (!CodePattern().IsMatch(d.Code.Trim())) errors.Add(new("code", "must be 3 to 8 capital letters or digits starting with a letter, e.g. BRISTOL"));
        Text(errors, "name", d.Name, MaxName, required: true);
        Text(errors, "unit", d.Unit, MaxUnit, required: true);
        if (d.Decimals is null) errors.Add(new("decimals", $"is required: how many decimals an amount has, 0 to {Amounts.MaxDecimals}"));
        else if (d.Decimals is < 0 or > Amounts.MaxDecimals) errors.Add(new("decimals", $"must be 0 to {Amounts.MaxDecimals}"));
        if (string.IsNullOrWhiteSpace(d.Model)) errors.Add(new("model", $"is required: one of {string.Join(", ", MoneyModel.All)}"));
        else if (!MoneyModel.All.Contains(d.Model.Trim())) errors.Add(new("model", $"'{Short(d.Model)}' is not one of {string.Join(", ", MoneyModel.All)}"));
        Text(errors, "issuance_rule", d.IssuanceRule, MaxRule, required: d.Model?.Trim() == MoneyModel.OperatorIssued);
        if (d.CreditLimit is not null && d.Model?.Trim() != MoneyModel.MutualCredit)
            errors.Add(new("credit_limit", "is only for mutual credit: other models never go below zero"));
        if (errors.Count == 0)
        {
            if (d.CreditLimit is not null && Amounts.ParseLimit(d.CreditLimit, d.Decimals!.Value).Error is { } limit) errors.Add(new("credit_limit", limit));
            if (d.PaymentCap is not null && Amounts.Parse(d.PaymentCap, d.Decimals!.Value).Error is { } cap) errors.Add(new("payment_cap", cap));
        }
        return errors;
    }

    public static List<FieldError> Check(MovementDraft d, bool needsFrom, bool needsTo)
    {
        var errors = new List<FieldError>();
        Account(errors, "from", d.From, needsFrom);
        Account(errors, "to", d.To, needsTo);
        Text(errors, "memo", d.Memo, MaxMemo, required: false);
        if (string.IsNullOrWhiteSpace(d.IdempotencyKey)) errors.Add(new("idempotency_key", "is required: a key of your own, unique per payment, so a retry never pays twice"));
        else if (d.IdempotencyKey.Length > MaxKey) errors.Add(new("idempotency_key", $"is longer than {MaxKey} characters"));
        else if (d.IdempotencyKey.StartsWith(ReservedKeyPrefix, StringComparison.OrdinalIgnoreCase))
            errors.Add(new("idempotency_key", $"may not start with '{ReservedKeyPrefix}': those keys name the fees and demurrage Coopdir charges itself"));
        if (d.Request is { Length: > MaxAccountId }) errors.Add(new("request", "is not a payment request"));
        return errors;
    }

    private static void Account(List<FieldError> errors, string field, string? id, bool required)
    {
        if (string.IsNullOrWhiteSpace(id)) { if (required) errors.Add(new(field, "is required: an account id")); }
        else if (!required) errors.Add(new(field, "is not taken here"));
        else if (id.Length > MaxAccountId) errors.Add(new(field, $"is longer than {MaxAccountId} characters"));
    }

    internal static void Text(List<FieldError> errors, string field, string? value, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value)) { if (required) errors.Add(new(field, "is required")); }
        else if (value.Trim().Length > max) errors.Add(new(field, $"is longer than {max} characters"));
        else if (PlainText.Problem(value) is { } problem) errors.Add(new(field, problem));
    }

    public static string Short(string text) => text.Length <= 40 ? text : text[..39] + "…";
}
