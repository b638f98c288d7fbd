using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Coopdir.Core.Input;
using Dapper;

namespace Coopdir.Core.Accounts;

/// <summary>
/// Slows password guessing without handing an attacker a way to lock a real person out. Failures are
/// counted under three keys: the client address with the e-mail address (a few tries, the last of them answered with a wait
/// that doubles with each further failure, up to an hour), the client address alone (guesses spread over
/// many accounts), and the e-mail address alone (guesses from many addresses). The last is the one an
/// attacker could use against someone, so its wait is short (at most <see cref="MaxAccountWait"/>) and a
/// browser that has signed in to the account before (its device cookie) is not held by it. Every key is
/// counted whether the address has an account or not, so the answers do not tell which addresses do.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int FreePairFailures = 5;
    public const int FreeClientFailures = 30;
    public const int FreeAccountFailures = 20;
    public static readonly TimeSpan MaxPairWait = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxAccountWait = TimeSpan.FromMinutes(15);

    /// <summary>Failures older than this are forgotten: the count starts again.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromHours(24);

    private sealed record Rule(string Key, int Free, TimeSpan MaxWait);

    private sealed class FailureRow
    {
        public long Failures { get; set; }
        public string LastFailedAt { get; set; } = "";
    }

    /// <summary>How long the client must wait before trying this address again, or null when it may try now.</summary>
    public async Task<TimeSpan?> WaitAsync(DbConnection connection, string email, string client, bool knownDevice)
    {
        var now = clock.GetUtcNow();
        var parameters = new DynamicParameters();
        var keys = Data.SqlList.In("key", "key", Rules(email, client, knownDevice).Select(r => r.Key), parameters);
        var blocked = await connection.QueryAsync<string?>(
            $"SELECT blocked_until FROM sign_in_failures WHERE {keys} AND blocked_until IS NOT NULL", parameters);
        var until = blocked.Select(b => DateTimeOffset.Parse(b!, CultureInfo.InvariantCulture)).Where(b => b > now).DefaultIfEmpty().Max();
        return until > now ? until - now : null;
    }

    /// <summary>Counts a failure under every key; returns the wait it imposes now, if any.</summary>
    public async Task<TimeSpan?> FailedAsync(DbConnection connection, string email, string client, bool knownDevice)
    {
        var now = clock.GetUtcNow();
        TimeSpan? longest = null;
        // The account-wide key is counted even for a known device, so that guesses from it still count there.
        foreach (var rule in Rules(email, client, knownDevice: false))
        {
            var row = await connection.QuerySingleOrDefaultAsync<FailureRow>(
                "SELECT failures AS Failures, last_failed_at AS LastFailedAt FROM sign_in_failures WHERE key = @Key", new { rule.Key });
            var failures = row is not null && now - DateTimeOffset.Parse(row.LastFailedAt, CultureInfo.InvariantCulture) < Memory ? row.Failures + 1 : 1;
            var wait = failures >= rule.Free ? Backoff(failures - rule.Free + 1, rule.MaxWait) : (TimeSpan?)null;
            await connection.ExecuteAsync("""
                INSERT INTO sign_in_failures (key, failures, last_failed_at, blocked_until) VALUES (@Key, @failures, @at, @until)
                ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failed_at = excluded.last_failed_at, blocked_until = excluded.blocked_until
                """, new { rule.Key, failures, at = now.ToString("O"), until = (now + wait)?.ToString("O") });
            var holdsThisClient = !(knownDevice && rule.Key.StartsWith("account:", StringComparison.Ordinal));
            if (wait is { } w && holdsThisClient && (longest is null || w > longest)) longest = w;
        }
        return longest;
    }

    /// <summary>A right password: the address's own counts start again; the client's does not (one account of one's own must not reset guessing at others).</summary>
    public static Task SucceededAsync(DbConnection connection, string email, string client) =>
        connection.ExecuteAsync("DELETE FROM sign_in_failures WHERE key = @pair OR key = @account",
            new { pair = PairKey(email, client), account = AccountKey(email) });

    /// <summary>A minute for the failure that uses up the free ones, doubling with each one after, up to <paramref name="max"/>.</summary>
    public static TimeSpan Backoff(long beyondFree, TimeSpan max) =>
        beyondFree >= 20 ? max : TimeSpan.FromMinutes(Math.Min(max.TotalMinutes, Math.Pow(2, beyondFree - 1)));

    private static IEnumerable<Rule> Rules(string email, string client, bool knownDevice)
    {
        yield return new Rule(PairKey(email, client), FreePairFailures, MaxPairWait);
        yield return new Rule("client:" + client, FreeClientFailures, MaxPairWait);
        if (!knownDevice) yield return new Rule(AccountKey(email), FreeAccountFailures, MaxAccountWait);
    }

    private static string PairKey(string email, string client) => $"pair:{client}:{EmailKey(email)}";

    private static string AccountKey(string email) => "account:" + EmailKey(email);

    /// <summary>The address hashed, so the table lists no one's e-mail address.</summary>
    public static string EmailKey(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(EmailAddress.Canonical(email))))[..32];
}
