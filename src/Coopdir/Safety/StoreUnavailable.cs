using Coopdir.Core.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace Coopdir.Safety;

/// <summary>
/// A request the store could not serve for now (down, restarting, a lock held too long: see
/// <see cref="Store.IsUnavailable"/>) answers 503 with Retry-After, as problem details, instead of 500.
/// </summary>
public sealed class StoreUnavailable(Store store, IProblemDetailsService problems, ILogger<StoreUnavailable> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 1;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellation)
    {
        if (!store.IsUnavailable(exception)) return false;
        logger.LogWarning("The store could not serve {Method} {Path}: {Message}", http.Request.Method, http.Request.Path, exception.Message);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The directory's database is unavailable for a moment",
                Detail = $"Try again in {RetryAfterSeconds} second(s). Nothing was changed unless a later read shows it.",
            },
        });
    }
}
