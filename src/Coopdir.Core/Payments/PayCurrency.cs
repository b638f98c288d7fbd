namespace Coopdir.Core.Payments;

/// <summary>How units come into being: the three models a currency can run under.</summary>
public static class MoneyModel
{
    /// <summary>Accounts go below zero to a credit limit; every balance sums to zero.</summary>
    public const string MutualCredit = "mutual_credit";

    /// <summary>Units issued only against reserve deposits, redeemable; circulation never exceeds the reserve.</summary>
    public const string ReserveBacked = "reserve_backed";

    /// <summary>The operator issues units under its published issuance rule (grants, payment for city services).</summary>
    public const string OperatorIssued = "operator_issued";

    public static readonly IReadOnlyList<string> All = [MutualCredit, ReserveBacked, OperatorIssued];

    /// <summary>The kinds of directory record that may run a currency: their verified claimers operate it.</summary>
    public static readonly IReadOnlyList<string> OperatorKinds = ["municipality", "city-network", "network", "cooperative"];

    public static string LabelOf(string model) => model switch
    {
        MutualCredit => "Mutual credit",
        ReserveBacked => "Reserve-backed",
        _ => "Issued by the operator",
    };
}

/// <summary>A currency an operator runs, as stored (amounts in minor units).</summary>
public sealed class PayCurrency
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public long CurrencyId { get; init; }
    public long OperatorId { get; init; }
    public string OperatorName { get; init; } = "";
    public string Name { get; init; } = "";
    public string Unit { get; init; } = "";
    public int Decimals { get; init; }
    public string Model { get; init; } = "";
    public long CreditLimit { get; init; }
    public string? IssuanceRule { get; init; }
    public long? PaymentCap { get; init; }
    public long Reserve { get; init; }
    public long LogSize { get; init; }
    public string PublicKey { get; init; } = "";
    public string CreatedAt { get; init; } = "";

    /// <summary>The payer's fee on each payment: <see cref="FeeRate"/> basis points of it plus <see cref="FeeFixed"/> minor units.</summary>
    public int FeeRate { get; init; }
    public long FeeFixed { get; init; }

    /// <summary>Basis points of each positive member balance charged per calendar month.</summary>
    public int DemurrageRate { get; init; }

    public string Format(long minor) => Amounts.Format(minor, Decimals);
}

public static class AccountRole
{
    public const string Member = "member";
    public const string Issuer = "issuer";

    /// <summary>The operator's: fees and demurrage are paid into it; its claimers may pay out of it.</summary>
    public const string Fees = "fees";

    /// <summary>One per clearing agreement: what the peer currency's payers were credited here, settled between operators.</summary>
    public const string Clearing = "clearing";
}

/// <summary>
/// An account as stored. Its public id is what its holder, the operator and the people it asks to pay see; its ledger
/// id is the pseudonym the public ledger shows, random and apart, so a name on a payment request leads to no history.
/// </summary>
public sealed class PayAccount
{
    public long Id { get; init; }
    public long CurrencyId { get; init; }
    public string PublicId { get; init; } = "";
    public string LedgerId { get; init; } = "";
    public string Role { get; init; } = "";
    public long? UserId { get; init; }
    public long? OrganizationId { get; init; }
    public string? HolderName { get; init; }
    public long Balance { get; init; }
    public long? Floor { get; init; }
    public bool Frozen { get; init; }
    public string CreatedAt { get; init; } = "";
}

/// <summary>One movement as stored; the statement lines and the ledger come from these.</summary>
public sealed class PayTransfer
{
    public long Id { get; init; }
    public long CurrencyId { get; init; }
    public string Kind { get; init; } = "";
    public long? DebitId { get; init; }
    public string? DebitPublicId { get; init; }
    public long? CreditId { get; init; }
    public string? CreditPublicId { get; init; }
    public long Amount { get; init; }
    public string? Memo { get; init; }
    public string IdempotencyKey { get; init; } = "";
    public string Fingerprint { get; init; } = "";
    public long? RequestId { get; init; }
    public long LedgerIndex { get; init; }
    public string CreatedAt { get; init; } = "";

    /// <summary>On a fee: the payment it was charged on. On a payment: the fee charged on it, if any.</summary>
    public long? FeeOf { get; init; }
    public long? Fee { get; init; }
}

public static class TransferKind
{
    public const string Transfer = "transfer";
    public const string Issuance = "issuance";
    public const string Redemption = "redemption";
    public const string ReserveDeposit = "reserve_deposit";
    public const string Fee = "fee";
    public const string Demurrage = "demurrage";
}
