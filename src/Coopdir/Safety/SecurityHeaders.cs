using Microsoft.Extensions.Options;

namespace Coopdir.Safety;

/// <summary>
/// Headers on every response: a Content-Security-Policy allowing scripts and styles only from the
/// site itself (no inline script anywhere), no sniffing, no framing (but for the /embed map, which
/// other sites are meant to frame, and reconciliation's previews), a strict referrer policy.
/// HSTS is added by UseHsts when the site is served over HTTPS.
/// </summary>
public static class SecurityHeaders
{
    public static void UseSecurityHeaders(this WebApplication app)
    {
        var tiles = app.Services.GetRequiredService<IOptions<MapOptions>>().Value.TileUrl;
        var tileOrigin = Uri.TryCreate(tiles.Replace("{s}", "a").Replace("{z}", "0").Replace("{x}", "0").Replace("{y}", "0"), UriKind.Absolute, out var uri)
            ? $" {uri.Scheme}://{(tiles.Contains("{s}") ? "*." + uri.Host.Split('.', 2)[^1] : uri.Authority)}"
            : "";
        var framable = "default-src 'self'; script-src 'self'; style-src 'self'; " +
            $"img-src 'self' data:{tileOrigin}; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors *";
        var policy = framable.Replace("frame-ancestors *", "frame-ancestors 'none'");

        // Reconciliation previews and flyouts are shown in other sites' pages (OpenRefine's): framed anywhere, no script at all.
        var reconcilePolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *";

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            var reconcile = context.Request.Path.StartsWithSegments("/reconcile");
            var embed = context.Request.Path.StartsWithSegments("/embed");
            headers.ContentSecurityPolicy = reconcile ? reconcilePolicy : embed ? framable : policy;
            headers.XContentTypeOptions = "nosniff";
            if (!reconcile && !embed) headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            await next();
        });
    }
}
