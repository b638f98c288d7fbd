using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace Coopdir.Safety;

/// <summary>
/// Behind a reverse proxy every request arrives from the proxy's address, so the per-client limits (the sign-in
/// throttle, the rate limits) would count every visitor as one. Directory:TrustedProxies (`serve --trusted-proxy`)
/// names the proxies, by address or network (10.0.0.0/8); only requests from them have their X-Forwarded-For and
/// X-Forwarded-Proto believed. Nobody else can choose the address they are counted under by sending the header.
/// </summary>
public static class TrustedProxies
{
    /// <summary>Why an entry is not an address or a network, or null when every entry is one.</summary>
    public static string? Problem(IEnumerable<string> entries) =>
        entries.FirstOrDefault(e => !IPAddress.TryParse(e, out _) && !IPNetwork.TryParse(e, out _)) is { } bad
            ? $"Directory:TrustedProxies entry '{bad}' is neither an IP address nor a network such as 10.0.0.0/8"
            : null;

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<DirectoryOptions>>((forwarded, directory) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; here only what the operator named is trusted, through any number of them.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            forwarded.ForwardLimit = null;
            foreach (var entry in directory.Value.TrustedProxies)
            {
                if (IPAddress.TryParse(entry, out var address)) forwarded.KnownProxies.Add(address);
                else forwarded.KnownIPNetworks.Add(IPNetwork.Parse(entry));
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so that everything after it sees the visitor's own address.</summary>
    public static void UseTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<DirectoryOptions>>().Value.TrustedProxies.Length > 0)
            app.UseForwardedHeaders();
    }
}
