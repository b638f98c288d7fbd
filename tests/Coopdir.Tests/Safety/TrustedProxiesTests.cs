using System.Net;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Safety;

/// <summary>
/// Behind a proxy named in Directory:TrustedProxies, per-client limits count each visitor named by X-Forwarded-For;
/// the test site's own loopback address plays the proxy. Two sign-in attempts a minute are allowed here.
/// </summary>
public sealed class TrustedProxiesTests() : SiteTest(new SiteOptions
{
    Configuration = ["--Directory:TrustedProxies:0=127.0.0.0/8", "--RateLimits:SignInsPerMinute=2"],
})
{
    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_visitor_has_a_limit_of_their_own()
    {
        Assert.Equal([false, false, true], await SignInsLimitedAsync(Site, "203.0.113.5", 3));
        Assert.Equal([false, false, true], await SignInsLimitedAsync(Site, "198.51.100.7", 3));
    }

    /// <summary>Whether each of <paramref name="count"/> sign-in posts from <paramref name="forwardedFor"/> got 429.</summary>
    internal static async Task<List<bool>> SignInsLimitedAsync(TestSite site, string forwardedFor, int count)
    {
        var limited = new List<bool>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/sign-in") { Content = new FormUrlEncodedContent([]) };
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await site.Http.SendAsync(request);
            Assert.True((int)response.StatusCode < 500, $"sign-in answered {(int)response.StatusCode}");
            limited.Add(response.StatusCode == HttpStatusCode.TooManyRequests);
        }
        return limited;
    }
}

/// <summary>Without a trusted proxy, X-Forwarded-For is not believed: a client cannot pick the address it is counted under.</summary>
public sealed class UntrustedForwardedForTests() : SiteTest(new SiteOptions
{
    Configuration = ["--RateLimits:SignInsPerMinute=2"],
})
{
    [Fact]
    public async Task A_forwarded_address_from_an_untrusted_client_does_not_escape_its_limit()
    {
        Assert.Equal([false, false, true], await TrustedProxiesTests.SignInsLimitedAsync(Site, "203.0.113.5", 3));
        Assert.Equal([true], await TrustedProxiesTests.SignInsLimitedAsync(Site, "198.51.100.7", 1));
    }
}
