using Coopdir.Core.Input;
using Microsoft.Extensions.Options;

namespace Coopdir.Shared;

/// <summary>
/// The site's public address, for every absolute URL it writes (/data.json, Atom, JSON-LD ids, Murmurations profiles,
/// GeoJSON, publiccode.yml, reconciliation manifests): Directory:BaseUrl (`serve --base-url`) when set, so that no
/// client's Host header is ever written into them, and then only that host is served. Unset (development, tests), the
/// request's own scheme and host are used, and a request without a Host is refused.
/// </summary>
public static class PublicUrl
{
    /// <summary>"https://coops.example" or "https://example.org/directory": no trailing slash.</summary>
    public static string Of(HttpRequest request) =>
        request.HttpContext.RequestServices.GetService<IOptions<DirectoryOptions>>()?.Value.BaseUri is { } configured
            ? configured.AbsoluteUri.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>Refuses, as a 400 problem, a request whose Host is empty, or is not the configured base URL's host.</summary>
    public static void UseAllowedHosts(this WebApplication app)
    {
        var baseUri = app.Services.GetRequiredService<IOptions<DirectoryOptions>>().Value.BaseUri;
        app.Use(async (http, next) =>
        {
            var host = http.Request.Host;
            string? refusal = !host.HasValue || string.IsNullOrWhiteSpace(host.Host) ? "The request has no Host header."
                : baseUri is not null && !IsBaseHost(host, baseUri) ? $"This site answers as {baseUri.Authority} only."
                : null;
            if (refusal is null)
            {
                await next(http);
                return;
            }
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = StatusCodes.Status400BadRequest, Title = "Bad Host header", Detail = refusal },
            });
        });
    }

    private static bool IsBaseHost(HostString host, Uri baseUri) =>
        string.Equals(host.Host, baseUri.IdnHost, StringComparison.OrdinalIgnoreCase)
        && (host.Port ?? (baseUri.Scheme == "https" ? 443 : 80)) == baseUri.Port;

    /// <summary>Why a configured base URL is not usable, or null.</summary>
    public static string? Problem(string? value) =>
        value is null ? null
        : value.Length > InputLimits.Url || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo)
            ? $"Directory:BaseUrl '{value}' must be an absolute http(s) URL without query, fragment or user name"
            : null;
}
