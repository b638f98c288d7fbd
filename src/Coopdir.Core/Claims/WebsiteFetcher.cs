using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Coopdir.Core.Claims;

/// <summary>What a fetch of a page of an organization's website got: its text, or why not.</summary>
public sealed record WebsiteFetch(Uri Url, string? Text, string? Problem);

/// <summary>
/// Reads pages of organizations' own websites (claim tokens, published relationships) with the same
/// limits everywhere: at most <see cref="MaxBytes"/>, <see cref="Timeout"/> for the whole answer, three
/// redirects. Connections to loopback and private addresses are refused (unless allowed, for tests),
/// also after a redirect, so a listing's website cannot make the server probe its own network.
/// </summary>
public sealed class WebsiteFetcher : IDisposable
{
    public const int MaxBytes = 256 * 1024;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly HttpClient http;

    public WebsiteFetcher(bool allowPrivateAddresses)
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
        http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Coopdir/1.0");
    }

    /// <summary>The page as UTF-8 text, or a problem a person can act on. Only the caller's own cancellation throws.</summary>
    public async Task<WebsiteFetch> GetAsync(Uri url, CancellationToken cancellation)
    {
        // The client's timeout stops at the headers when the body is streamed: one deadline for both.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(Timeout);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode)
                return new(url, null, $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            if (response.Content.Headers.ContentLength > MaxBytes) return new(url, null, TooLarge(url));
            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            var buffer = new byte[MaxBytes + 1];
            var read = 0;
            while (read < buffer.Length && await body.ReadAsync(buffer.AsMemory(read), deadline.Token) is var n and > 0) read += n;
            return read > MaxBytes ? new(url, null, TooLarge(url)) : new(url, Encoding.UTF8.GetString(buffer, 0, read), null);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return new(url, null, $"{url} did not answer within {Timeout.TotalSeconds:0} seconds");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new(url, null, $"{url} could not be read: {(e.InnerException ?? e).Message}");
        }
    }

    private static string TooLarge(Uri url) => $"{url} is larger than {MaxBytes / 1024} KB";

    private static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal) return false;
        var b = address.GetAddressBytes();
        return address.AddressFamily != AddressFamily.InterNetwork || !(b[0] is 10 or 127 or 0 || b[0] == 169 && b[1] == 254
            || b[0] == 172 && b[1] is >= 16 and <= 31 || b[0] == 192 && b[1] == 168 || b[0] == 100 && b[1] is >= 64 and <= 127);
    }

    public void Dispose() => http.Dispose();
}
