using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Coopdir.Core.Input;
using Microsoft.AspNetCore.Http.Features;

namespace Coopdir.Safety;

/// <summary>
/// A client's mistake is a 4xx problem detail, never a 500, wherever the framework notices it first: a body over the
/// endpoint's limit (413, naming the limit), a body too slow to arrive (408), a form or JSON body that cannot be read
/// (400). Request bodies are bounded per endpoint group (<see cref="InputLimits"/>): Kestrel's limit is the largest
/// any endpoint takes, and <see cref="BodyLimits.LimitBody"/> lowers it for each group.
/// </summary>
public sealed class ClientErrors(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellation)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (413, "Request too large", TooLargeDetail(http)),
            BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } =>
                (408, "Request body too slow", $"The body arrived slower than {InputLimits.MinBodyBytesPerSecond} bytes a second."),
            BadHttpRequestException e => (e.StatusCode, "Bad request", e.Message),
            InvalidDataException e => (400, "Unreadable form", e.Message),
            DecoderFallbackException => (400, "Invalid UTF-8", "The request holds bytes that are not UTF-8."),
            JsonException e => (400, "Invalid JSON", e.Message.Split(" Path:")[0]),
            _ => (0, "", ""),
        };
        if (status is < 400 or >= 500 || http.Response.HasStarted) return false;
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>"The body is over the 262,144 bytes this endpoint accepts": the limit itself, so a client knows what to send.</summary>
    public static string TooLargeDetail(HttpContext http) =>
        http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit
            ? $"The body is over the {limit:N0} bytes this endpoint accepts."
            : "The body is over the size this endpoint accepts.";
}

public static class BodyLimits
{
    /// <summary>Sets the body limit of every endpoint of a group or route: routing applies it before the handler reads a byte.</summary>
    public static TBuilder LimitBody<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Limit(bytes));

    private sealed record Limit(long? MaxRequestBodySize) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata;

    /// <summary>Reads a whole request body of at most <paramref name="maxBytes"/>; null when it is larger.</summary>
    public static Task<byte[]?> ReadAsync(HttpRequest request, long maxBytes) =>
        request.ContentLength > maxBytes ? Task.FromResult<byte[]?>(null) : BoundedRead.ReadAsync(request.Body, maxBytes, request.HttpContext.RequestAborted);
}
