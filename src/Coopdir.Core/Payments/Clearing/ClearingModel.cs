namespace Coopdir.Core.Payments.Clearing;

/// <summary>One side's record of a clearing agreement with a peer currency (the secret stays in the store).</summary>
public sealed class ClearingAgreement
{
    public long Id { get; init; }
    public long CurrencyId { get; init; }
    public string Name { get; init; } = "";
    public string? PeerUrl { get; init; }
    public string PeerCurrency { get; init; } = "";
    public string RateUnits { get; init; } = "";
    public string RatePeerUnits { get; init; } = "";
    public long AccountId { get; init; }
    public string AccountPublicId { get; init; } = "";
    public long AccountBalance { get; init; }
    public long? AccountFloor { get; init; }
    public long Unfinished { get; init; }
    public string CreatedAt { get; init; } = "";

    public ClearingRate Rate => new(RateUnits, RatePeerUnits);
    public long Limit => -(AccountFloor ?? 0);
    public bool IsLocal => PeerUrl is null;

    /// <summary>
    /// Why this agreement may not be used, or null: its peer URL is plain http to another machine. Such a URL is refused
    /// when an agreement is recorded (<see cref="ClearingAgreements.Check"/>), but one recorded before that rule is still
    /// in the store: it is refused wherever the agreement would be used, and never called.
    /// </summary>
    public string? PeerUrlRefusal => PeerUrl is null || (Uri.TryCreate(PeerUrl, UriKind.Absolute, out var url) && (url.Scheme == "https" || url is { Scheme: "http", IsLoopback: true }))
        ? null
        : $"Clearing agreement {Name} has the peer URL {PeerUrl}, plain http to another machine, recorded before https was required: it is not used until its operator changes peer_url to https.";
}

/// <summary>One side of a cross-currency payment, as stored.</summary>
public sealed class ClearingTransfer
{
    public long Id { get; init; }
    public long AgreementId { get; init; }
    public string TransferId { get; init; } = "";
    public string Role { get; init; } = "";
    public string State { get; init; } = "";
    public long? AccountId { get; init; }
    public string? AccountPublicId { get; init; }
    public string PeerAccount { get; init; } = "";
    public long Amount { get; init; }
    public string? PeerAmount { get; init; }
    public string? Memo { get; init; }
    public long? UserId { get; init; }
    public string? IdempotencyKey { get; init; }
    public long? LegId { get; init; }
    public long? LedgerIndex { get; init; }
    public string? Reason { get; init; }
    public bool PeerDone { get; init; }
    public string CreatedAt { get; init; } = "";
    public string UpdatedAt { get; init; } = "";
}

public static class ClearingRole
{
    /// <summary>The payer's side: it records the payment, asks the peer to prepare, decides, and tells the peer.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>The payee's side: it reserves the credit when asked to prepare and writes it on the decision.</summary>
    public const string Participant = "participant";
}

public static class ClearingState
{
    public const string Preparing = "preparing";
    public const string Prepared = "prepared";
    public const string Committed = "committed";
    public const string Aborted = "aborted";
}
