using System.Net;
using System.Text;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Safety;

public sealed class FormAndHeaderSafetyTests : SiteTest
{
    [Fact]
    public async Task A_form_post_without_an_anti_forgery_token_is_refused_and_changes_nothing()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var editor = await Session.SignedIn(Site, await Site.AccountAsync("editor"));

        using var forged = await editor.PostFormAsync($"/organizations/{id}/edit",
            new() { ["base_revision"] = "1", ["name"] = "Forged", ["kind"] = "cooperative", ["status"] = "active", ["summary"] = "csrf" }, tokenPage: null);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("Suma Wholefoods", (await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_signed_in_browser_session_cannot_write_through_the_api()
    {
        var id = (await Site.SeedAsync(An.Organization()))[0];
        var editor = await Session.SignedIn(Site, await Site.AccountAsync("editor"));
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/organizations/{id}")
        {
            Content = new StringContent("""{"name":"Changed"}""", Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");

        using var response = await editor.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/sign-in")]
    [InlineData("/api/v1/organizations")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var response = await Site.Http.GetAsync(path);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Repeated_failed_sign_ins_from_one_client_are_held_even_against_the_right_password()
    {
        var account = await Site.AccountAsync("contributor");
        var session = Session.Anonymous(Site);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await session.PostFormAsync("/sign-in", new() { ["email"] = account.User.Email, ["password"] = "not the password" }, "/sign-in");
            statuses.Add(wrong.StatusCode);
        }
        using var right = await session.PostFormAsync("/sign-in", new() { ["email"] = account.User.Email, ["password"] = account.Password }, "/sign-in");

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.NotNull(right.Headers.RetryAfter);
    }

    [Fact]
    public async Task Sign_ins_beyond_the_rate_limit_get_429()
    {
        var limited = await StartSiteAsync(new SiteOptions { Configuration = ["--RateLimits:SignInsPerMinute=3"] });
        var session = Session.Anonymous(limited);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await session.PostFormAsync("/sign-in", new() { ["email"] = $"nobody{i}@example.org", ["password"] = "whatever it is" }, "/sign-in");
            statuses.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_session_started_on_one_app_instance_is_honoured_by_another_on_the_same_store()
    {
        var account = await Site.AccountAsync("maintainer");
        var session = await Session.SignedIn(Site, account);
        var other = await StartSiteAsync(new SiteOptions { Store = Site.StoreSetting });
        var cookies = session.Cookies.GetCookieHeader(Site.BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(other.BaseAddress, "/account"));
        request.Headers.Add("Cookie", cookies);
        using var response = await other.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(account.User.Email, await response.Content.ReadAsStringAsync());
    }
}
