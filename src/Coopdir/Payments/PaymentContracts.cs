using Coopdir.Core.Payments;
using Coopdir.Core.Payments.Ledger;

namespace Coopdir.Payments;

/// <summary>POST /api/v1/money/currencies: amounts as decimal strings in the currency's precision.</summary>
public sealed record CreateCurrencyRequest(long? CurrencyId, long? OperatorId, string? Code, string? Name, string? Unit, int? Decimals, string? Model,
    string? CreditLimit, string? IssuanceRule, string? PaymentCap)
{
    public CurrencyDraft ToDraft() => new(CurrencyId, OperatorId, Code, Name, Unit, Decimals, Model, CreditLimit, IssuanceRule, PaymentCap);
}

public sealed record OpenAccountRequest(long? OrganizationId);

public sealed record ChangeAccountRequest(string? CreditLimit, bool? Frozen);

/// <summary>PUT …/charges: the whole setting; a field left out is zero (none).</summary>
public sealed record ChargesRequest(int? FeeBasisPoints, string? FeeFixed, int? DemurrageBasisPoints)
{
    public ChargesDraft ToDraft() => new(FeeBasisPoints, FeeFixed, DemurrageBasisPoints);
}

public sealed record DemurrageRunResponse(string Currency, string Period, int DemurrageBasisPoints, int Accounts, string Charged, string CreatedAt)
{
    public static DemurrageRunResponse From(PayCurrency c, DemurrageRun r) => new(c.Code, r.Period, r.Rate, r.Accounts, c.Format(r.Charged), r.CreatedAt);
}

/// <summary>A transfer, issuance, redemption or reserve deposit; which fields it takes depends on the route.</summary>
public sealed record MovementRequest(string? From, string? To, string? Amount, string? Memo, string? IdempotencyKey, string? Request)
{
    public MovementDraft ToDraft() => new(From, To, Amount, Memo, IdempotencyKey, Request);
}

public sealed record PaymentRequestRequest(string? To, string? Amount, string? Memo);

public sealed record CurrencyRun(
    string Code, string Name, string Unit, int Decimals, string Model, long CurrencyId, long OperatorId, string OperatorName,
    string? CreditLimit, string? IssuanceRule, string? PaymentCap, int FeeBasisPoints, string FeeFixed, int DemurrageBasisPoints,
    string PublicKey, string TransparencyUrl, string LedgerUrl)
{
    public static CurrencyRun From(PayCurrency c) => new(c.Code, c.Name, c.Unit, c.Decimals, c.Model, c.CurrencyId, c.OperatorId, c.OperatorName,
        c.Model == MoneyModel.MutualCredit ? c.Format(c.CreditLimit) : null, c.IssuanceRule, c.PaymentCap is { } cap ? c.Format(cap) : null,
        c.FeeRate, c.Format(c.FeeFixed), c.DemurrageRate, c.PublicKey, $"/money/{c.Code}", $"/api/v1/money/currencies/{c.Code}/ledger");
}

/// <summary>An account, for its holder and the operator only: <c>LedgerId</c> is its pseudonym in the public ledger.</summary>
public sealed record AccountResponse(string Id, string LedgerId, string Currency, string Role, long? OrganizationId, string? Holder, string Balance,
    string? CreditLimit, bool Frozen, string CreatedAt, string StatementUrl)
{
    public static AccountResponse From(PayCurrency c, PayAccount a) => new(a.PublicId, a.LedgerId, c.Code, a.Role, a.OrganizationId, a.HolderName,
        c.Format(a.Balance), a.Floor is { } floor ? c.Format(-floor) : null, a.Frozen, a.CreatedAt, $"/api/v1/money/currencies/{c.Code}/accounts/{a.PublicId}/statement");
}

/// <summary>A movement; <c>Fee</c>: what the payer paid on top into the operator's fee account (its own ledger entry follows).</summary>
public sealed record TransferResponse(long Id, string Currency, string Kind, string? From, string? To, string Amount, string? Fee, string? Memo,
    string IdempotencyKey, long LedgerIndex, string CreatedAt)
{
    public static TransferResponse Of(PayCurrency c, PayTransfer t) => new(t.Id, c.Code, t.Kind, t.DebitPublicId, t.CreditPublicId, c.Format(t.Amount),
        t.Fee is { } fee ? c.Format(fee) : null, t.Memo, t.IdempotencyKey, t.LedgerIndex, t.CreatedAt);
}

/// <summary>One line of a statement: signed from the account's side (negative when it paid).</summary>
public sealed record StatementLine(long Id, string Kind, string? Counterparty, string Amount, string? Memo, long LedgerIndex, string CreatedAt);

public sealed record StatementResponse(AccountResponse Account, IReadOnlyList<StatementLine> Lines, string? Next);

/// <summary>
/// A payment request, seen by anyone with its link. No ledger pseudonym and no ledger entry: either would tie the
/// payee's name to their history in the public ledger.
/// </summary>
public sealed record PaymentRequestResponse(string Token, string Currency, string To, string? Payee, string Amount, string? Fee, string? Memo,
    string CreatedAt, bool Paid, string PayUrl, string QrUrl)
{
    public static PaymentRequestResponse From(PaymentRequest r, PayCurrency c) => new(r.Token, r.Code, r.PayeePublicId, r.PayeeName, r.FormattedAmount,
        Charges.HasFee(c) ? c.Format(Charges.FeeOn(c, r.Amount)) : null, r.Memo, r.CreatedAt, r.PaidTransferId is not null, $"/pay/{r.Token}", $"/pay/{r.Token}/qr.svg");
}

public sealed record TotalsResponse(string Currency, string Model, string Supply, string Volume30Days, int Movements30Days, decimal? Velocity30Days,
    int ActiveAccounts30Days, int Accounts, string? Reserve, string? Circulation, long LedgerSize);

public sealed record LedgerEntryResponse(long Index, string Leaf, TreeHead Head);

public sealed record LedgerEntriesResponse(string Currency, string PublicKey, long TreeSize, IReadOnlyList<LedgerEntryResponse> Entries, long? Next);

public sealed record SignedHeadResponse(string Currency, long TreeSize, string RootHash, string Timestamp, string Signature, string PublicKey);

public sealed record InclusionProofResponse(long LeafIndex, long TreeSize, string LeafHash, IReadOnlyList<string> AuditPath, string RootHash);

public sealed record ConsistencyProofResponse(long First, long Second, IReadOnlyList<string> Proof, string FirstRoot, string SecondRoot);

/// <summary>An organization's account and whether the directory shows it accepting the currency (the accepts_currency relationship).</summary>
public sealed record AcceptanceResponse(string Account, long OrganizationId, string? Name, bool Accepts, string? Status, long? RelationshipId)
{
    public static AcceptanceResponse From(AcceptanceRow r) => new(r.Account, r.OrganizationId, r.Name, r.Accepts, r.Status, r.RelationshipId);
}

public sealed record AuditEntry(long Id, long UserId, string Action, string Detail, string CreatedAt);
