using System.Diagnostics;

namespace Coopdir.Core.Payments.Clearing;

/// <summary>
/// A test-only fault: when the environment variable <see cref="Variable"/> names a step of the protocol, the process
/// kills itself (SIGKILL) on reaching it. The clearing crash test needs a kill at an exact point between two durable
/// writes and an HTTP call, which a kill from outside cannot hit reliably. Nothing sets the variable but that test.
/// </summary>
public static class ClearingFaults
{
    public const string Variable = "COOPDIR_CLEARING_CRASH_AT";

    /// <summary>The coordinator recorded the payment as preparing and has not yet asked the peer.</summary>
    public const string CoordinatorRecorded = "coordinator-recorded";

    /// <summary>The peer answered prepared; the coordinator has not decided.</summary>
    public const string CoordinatorPrepared = "coordinator-prepared";

    /// <summary>The coordinator wrote its decision (commit) and its leg; the peer has not been told.</summary>
    public const string CoordinatorDecided = "coordinator-decided";

    /// <summary>The participant wrote prepared and has not answered.</summary>
    public const string ParticipantPrepared = "participant-prepared";

    /// <summary>The participant wrote its committed leg and has not answered.</summary>
    public const string ParticipantCommitted = "participant-committed";

    public static readonly IReadOnlyList<string> Steps = [CoordinatorRecorded, CoordinatorPrepared, CoordinatorDecided, ParticipantPrepared, ParticipantCommitted];

    private static readonly string? CrashAt = Environment.GetEnvironmentVariable(Variable);

    public static void At(string step)
    {
        if (CrashAt == step) Process.GetCurrentProcess().Kill();
    }
}
