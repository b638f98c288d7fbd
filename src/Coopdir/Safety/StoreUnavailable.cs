using Coopdir.Core.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace Coopdir.Safety;

/// <summary>
/// A request the store could not serve for now (down, restarting, a lock held too long: see
/// <see cref="Store.IsUnavailable"/>) answers 503 with Retry-After, as problem details, instead of 500;
/// a write refused because the disk is full answers 507, one refused because the store became read-only 503.
/// </summary>
public sealed class StoreUnavailable(Store store, IProblemDetailsService problems, ILogger<StoreUnavailable> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 1;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellation)
    {
        if (StoreConditions.IsDiskFull(exception))
        {
            logger.LogError("The disk is full: {Method} {Path} was refused: {Message}", http.Request.Method, http.Request.Path, exception.Message);
            return await WriteAsync(http, exception, StatusCodes.Status507InsufficientStorage, "The directory's disk is full",
                "Nothing was changed. The operator has to free some space; try again later.");
        }
        if (StoreConditions.IsReadOnly(exception))
        {
            logger.LogError("The store refused a write (read-only): {Method} {Path}: {Message}", http.Request.Method, http.Request.Path, exception.Message);
            http.Response.Headers.RetryAfter = "60";
            return await WriteAsync(http, exception, StatusCodes.Status503ServiceUnavailable, "The directory is read-only for now",
                "Nothing was changed; reading still works. Try again later.");
        }
        if (!store.IsUnavailable(exception)) return false;
        logger.LogWarning("The store could not serve {Method} {Path}: {Message}", http.Request.Method, http.Request.Path, exception.Message);
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await WriteAsync(http, exception, StatusCodes.Status503ServiceUnavailable, "The directory's database is unavailable for a moment",
            $"Try again in {RetryAfterSeconds} second(s). Nothing was changed unless a later read shows it.");
    }

    private async ValueTask<bool> WriteAsync(HttpContext http, Exception exception, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
