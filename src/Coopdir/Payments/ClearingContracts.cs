using Coopdir.Core.Payments;
using Coopdir.Core.Payments.Clearing;

namespace Coopdir.Payments;

/// <summary>POST …/clearing/agreements: one operator's side; the other operator records the same name, secret and rate, reversed.</summary>
public sealed record CreateAgreementRequest(string? Name, string? PeerUrl, string? PeerCurrency, string? RateUnits, string? RatePeerUnits, string? Limit, string? Secret)
{
    public AgreementDraft ToDraft() => new(Name, PeerUrl, PeerCurrency, RateUnits, RatePeerUnits, Limit, Secret);
}

/// <summary>An agreement as its operator sees it (never the secret); unfinished: transfers not yet settled on both sides.</summary>
public sealed record AgreementResponse(string Name, string Currency, string PeerCurrency, string? PeerUrl, string RateUnits, string RatePeerUnits, string Limit,
    string ClearingAccount, string ClearingBalance, long Unfinished, string CreatedAt)
{
    public static AgreementResponse From(PayCurrency c, ClearingAgreement g) => new(g.Name, c.Code, g.PeerCurrency, g.PeerUrl, g.RateUnits, g.RatePeerUnits,
        c.Format(g.Limit), g.AccountPublicId, c.Format(g.AccountBalance), g.Unfinished, g.CreatedAt);
}

/// <summary>POST …/clearing/transfers: pay an account of the peer currency from one you hold, once per idempotency_key.</summary>
public sealed record ClearingPaymentRequest(string? Agreement, string? From, string? To, string? Amount, string? Memo, string? IdempotencyKey)
{
    public ClearingDraft ToDraft() => new(Agreement, From, To, Amount, Memo, IdempotencyKey);
}

/// <summary>
/// The payer's side of a cross-currency payment. peer_amount: what the payee's side credits, in its currency.
/// peer_confirmed: the peer acknowledged the decision (until then the server keeps telling it).
/// </summary>
public sealed record ClearingPaymentResponse(string Id, string Agreement, string Currency, string PeerCurrency, string From, string To, string Amount,
    string? PeerAmount, string State, string? Reason, long? LedgerIndex, bool PeerConfirmed, string CreatedAt)
{
    public static ClearingPaymentResponse Of(PayCurrency c, ClearingAgreement g, ClearingTransfer t) => new(t.TransferId, g.Name, c.Code, g.PeerCurrency,
        t.AccountPublicId ?? "", t.PeerAccount, c.Format(t.Amount), t.PeerAmount, t.State, t.Reason, t.LedgerIndex, t.PeerDone, t.CreatedAt);
}
