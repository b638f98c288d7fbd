using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Coopdir.Safety;

/// <summary>Requests per minute; bound from the "RateLimits" configuration section.</summary>
public sealed class RateLimitOptions
{
    public int SignInsPerMinute { get; set; } = 20;
    public int SignUpsPerMinute { get; set; } = 5;
    public int WritesPerMinute { get; set; } = 60;

    /// <summary>Reads of organizations' websites on request (published relationships): each is a request to someone else's server.</summary>
    public int WebsiteReadsPerMinute { get; set; } = 6;

    /// <summary>Problem reports per client address in ten minutes: anyone may send them, without an account.</summary>
    public int ProblemReportsPerTenMinutes { get; set; } = 5;

    /// <summary>Payments per account (signed-in caller) a minute: a till takes a payment every few seconds; a script draining accounts does not get far.</summary>
    public int PaymentsPerMinute { get; set; } = 120;
}

/// <summary>
/// Fixed one-minute windows: sign-in and sign-up per client address, writes and website reads per account (or address);
/// problem reports per client address in ten minutes.
/// Over the limit: 429 with Retry-After.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string SignUp = "sign-up";
    public const string Writes = "writes";
    public const string WebsiteReads = "website-reads";
    public const string ProblemReports = "problem-reports";
    public const string Payments = "payments";

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection("RateLimits"))
            .Validate(o => o.SignInsPerMinute > 0 && o.SignUpsPerMinute > 0 && o.WritesPerMinute > 0 && o.WebsiteReadsPerMinute > 0 && o.ProblemReportsPerTenMinutes > 0 && o.PaymentsPerMinute > 0, "RateLimits must be positive")
            .ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : "60";
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(SignIn, context => PerMinute(Address(context), Limits(context).SignInsPerMinute));
            o.AddPolicy(SignUp, context => PerMinute(Address(context), Limits(context).SignUpsPerMinute));
            o.AddPolicy(Writes, context => PerMinute(Caller(context), Limits(context).WritesPerMinute));
            o.AddPolicy(Payments, context => PerMinute("payments:" + Caller(context), Limits(context).PaymentsPerMinute));
            o.AddPolicy(WebsiteReads, context => PerMinute("reads:" + Caller(context), Limits(context).WebsiteReadsPerMinute));
            o.AddPolicy(ProblemReports, context => RateLimitPartition.GetFixedWindowLimiter("problems:" + Address(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Limits(context).ProblemReportsPerTenMinutes, Window = TimeSpan.FromMinutes(10), QueueLimit = 0,
            }));
        });
        return services;
    }

    private static RateLimitOptions Limits(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static string Caller(HttpContext context) => context.User.Identity?.IsAuthenticated == true
        ? "user:" + context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value
        : Address(context);

    /// <summary>The client's address, as every per-client limit counts it.</summary>
    public static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> PerMinute(string key, int limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
