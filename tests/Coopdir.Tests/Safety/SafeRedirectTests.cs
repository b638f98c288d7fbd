using System.Net;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Safety;

/// <summary>Sign-in sends people back only to a path on this site, however the returnUrl is dressed.</summary>
public sealed class SafeRedirectTests() : SiteTest(new SiteOptions { Configuration = ["--RateLimits:SignInsPerMinute=100000"] })
{
    [Fact]
    public async Task Sign_in_never_redirects_off_the_site()
    {
        foreach (var returnUrl in new[]
        {
            "/\t/evil.com", "/\\evil.com", "//evil.com", "/\n/evil.com", "/\r\nSet-Cookie: stolen=1", "https://evil.com/", "/ /evil.com",
            "~//evil.com", "\u3000//evil.com", "/\u0000/evil.com", "///evil.com", "/.//evil.com", "/..//evil.com", "/a/..//evil.com",
        })
        {
            // Sent back to the account page, or refused outright (a NUL in a form is a 400): never elsewhere.
            var (status, location) = await SignInAsync(returnUrl);
            Assert.True(status == HttpStatusCode.Redirect ? location == "/account" : status == HttpStatusCode.BadRequest && location is null,
                $"returnUrl {System.Text.Json.JsonSerializer.Serialize(returnUrl)}: {(int)status} {location}");
        }
    }

    [Fact]
    public async Task Sign_in_returns_to_a_local_path_with_non_ASCII_characters_percent_encoded()
    {
        Assert.Equal((HttpStatusCode.Redirect, "/search?q=caf%C3%A9#results"), await SignInAsync("/search?q=café#results"));
        Assert.Equal((HttpStatusCode.Redirect, "/organizations/1"), await SignInAsync("/organizations/1"));
        using var page = await Session.Anonymous(Site).Http.GetAsync("/sign-in?returnUrl=%0A%2F%2Fevil.com%E2%80%AE%C3%A9");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private async Task<(HttpStatusCode Status, string? Location)> SignInAsync(string returnUrl)
    {
        var account = await Site.AccountAsync("contributor");
        var session = Session.Anonymous(Site.BaseAddress);
        using var response = await session.PostFormAsync("/sign-in",
            new() { ["email"] = account.User.Email, ["password"] = account.Password, ["returnUrl"] = returnUrl }, "/sign-in");
        return (response.StatusCode, response.Headers.Location?.OriginalString);
    }
}
