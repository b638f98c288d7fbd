using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Coopdir.Core.Claims;

/// <summary>What a verification found: Verified, or why not.</summary>
public sealed record ClaimCheck(bool Verified, string Detail);

/// <summary>
/// Looks for a claim's token on the organization's website: a line of
/// <c>/.well-known/coopdir-verification.txt</c>, or <c>&lt;meta name="coopdir-verification" content="TOKEN"&gt;</c>
/// on the home page. Connections to loopback and private addresses are refused (unless allowed, for
/// tests), so a listing's website cannot be used to make the server probe its own network.
/// </summary>
public sealed partial class ClaimVerifier : IDisposable
{
    public const string WellKnownPath = "/.well-known/coopdir-verification.txt";
    private const int MaxBytes = 256 * 1024;
    private readonly HttpClient http;

    public ClaimVerifier(bool allowPrivateAddresses)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 3,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ConnectCallback = async (context, cancellation) =>
            {
                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellation);
                var address = addresses.FirstOrDefault(a => allowPrivateAddresses || IsPublic(a))
                    ?? throw new HttpRequestException($"{context.DnsEndPoint.Host} is not a public address");
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellation);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10), MaxResponseContentBufferSize = MaxBytes };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Coopdir-claim-verifier/1.0");
    }

    public async Task<ClaimCheck> CheckAsync(string? website, string token, CancellationToken cancellation)
    {
        if (website is null || !Uri.TryCreate(website, UriKind.Absolute, out var site) || site.Scheme is not ("http" or "https"))
            return new ClaimCheck(false, "The listing has no website to verify against; propose its website first.");
        var file = new Uri(site, WellKnownPath);
        var text = await Fetch(file, cancellation);
        if (text is not null && text.Split('\n').Any(line => line.Trim() == token))
            return new ClaimCheck(true, $"Found the token at {file}.");
        var home = await Fetch(site, cancellation);
        if (home is not null && MetaTags().Matches(home).Any(m => m.Groups["content"].Value == token))
            return new ClaimCheck(true, $"Found the token in a meta tag on {site}.");
        return new ClaimCheck(false, $"The token was neither a line of {file} nor in a <meta name=\"coopdir-verification\"> tag on {site}.");
    }

    private async Task<string?> Fetch(Uri url, CancellationToken cancellation)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellation);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellation) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
    }

    private static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal) return false;
        var b = address.GetAddressBytes();
        return address.AddressFamily != AddressFamily.InterNetwork || !(b[0] is 10 or 127 or 0 || b[0] == 169 && b[1] == 254
            || b[0] == 172 && b[1] is >= 16 and <= 31 || b[0] == 192 && b[1] == 168 || b[0] == 100 && b[1] is >= 64 and <= 127);
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("""<meta\s+name=["']coopdir-verification["']\s+content=["'](?<content>[^"']*)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaTags();
}
