namespace Coopdir.Core.Payments.Clearing;

/// <summary>
/// The coordinator asks the payee's side to reserve a credit. Amount is in the payer's currency as written; the rate is
/// the coordinator's record of the agreement, from the payer's side; the participant converts by its own record.
/// </summary>
public sealed record PrepareMessage(string? TransferId, string? PayerCurrency, string? From, string? To, string? Amount, string? RateUnits, string? RatePeerUnits,
    string? Memo);

/// <summary>commit, abort: the coordinator's decision on a transfer.</summary>
public sealed record DecisionMessage(string? TransferId);

/// <summary>Where one side's record of a transfer stands; credit_amount is the payee's leg, in its currency.</summary>
public sealed record ClearingStateMessage(string TransferId, string State, string? CreditAmount);
