using Coopdir.Core.Organizations;

namespace Coopdir.Core.Payments;

/// <summary>
/// Done (or Replayed: an idempotency key seen before, answered with its first result); else why not. Busy: not tried,
/// the ledger was too busy; the same call may be sent again.
/// </summary>
public enum PaymentOutcome { Done, Replayed, Invalid, Forbidden, NotFound, Conflict, Refused, Busy }

/// <summary>What an operation on money did: its result, or the field errors, or why it was refused. Nothing is written unless Done.</summary>
public sealed record PaymentResult<T>(PaymentOutcome Outcome, T? Value = default, IReadOnlyList<FieldError>? Errors = null, string? Detail = null)
{
    public static PaymentResult<T> Invalid(IReadOnlyList<FieldError> errors) => new(PaymentOutcome.Invalid, Errors: errors);
    public static PaymentResult<T> Invalid(string field, string message) => new(PaymentOutcome.Invalid, Errors: [new(field, message)]);
    public static PaymentResult<T> Forbidden(string detail) => new(PaymentOutcome.Forbidden, Detail: detail);
    public static PaymentResult<T> NotFound(string detail) => new(PaymentOutcome.NotFound, Detail: detail);
    public static PaymentResult<T> Conflict(string detail) => new(PaymentOutcome.Conflict, Detail: detail);
    public static PaymentResult<T> Refused(string detail) => new(PaymentOutcome.Refused, Detail: detail);
    public static PaymentResult<T> Busy(string detail) => new(PaymentOutcome.Busy, Detail: detail);
}
