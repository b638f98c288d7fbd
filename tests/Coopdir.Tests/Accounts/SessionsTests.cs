using System.Net;
using Coopdir.Core.Accounts;
using Coopdir.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Coopdir.Tests.Accounts;

/// <summary>Sessions end when their account says so; sign-in and sign-up say nothing about which addresses have accounts.</summary>
public sealed class SessionsTests : SiteTest
{
    [Fact]
    public async Task A_cookie_saved_before_sign_out_is_refused_after_it()
    {
        var account = await Site.AccountAsync(Roles.Contributor);
        var session = await Session.SignedIn(Site, account);
        var saved = session.Cookies.GetCookieHeader(Site.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookie("/account", saved));

        using (var signOut = await session.PostFormAsync("/sign-out", [], "/account"))
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await StatusWithCookie("/account", saved));
        Assert.StartsWith("/sign-in", lastLocation);
    }

    [Fact]
    public async Task A_password_change_ends_every_other_session_and_keeps_the_one_that_made_it()
    {
        var account = await Site.AccountAsync(Roles.Contributor);
        var laptop = await Session.SignedIn(Site, account);
        var phone = await Session.SignedIn(Site, account);

        using (var wrong = await laptop.PostFormAsync("/account/password", new() { ["current_password"] = "not it at all", ["new_password"] = "a brand new password" }, "/account"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("is not the account&#x27;s password", await wrong.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.OK, (await phone.Http.GetAsync("/account")).StatusCode);
        using (var changed = await laptop.PostFormAsync("/account/password", new() { ["current_password"] = account.Password, ["new_password"] = "a brand new password" }, "/account"))
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await laptop.Http.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.Http.GetAsync("/account")).StatusCode);
        using var old = await Session.Anonymous(Site).PostFormAsync("/sign-in", new() { ["email"] = account.User.Email, ["password"] = account.Password }, "/sign-in");
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        await Session.SignedIn(Site, account with { Password = "a brand new password" });
    }

    [Fact]
    public async Task Sign_up_answers_alike_for_a_free_and_a_taken_address_and_never_signs_in_to_the_taken_one()
    {
        var existing = await Site.AccountAsync(Roles.Editor);
        var free = Session.Anonymous(Site);
        var taken = Session.Anonymous(Site);

        using var created = await free.PostFormAsync("/sign-up", new() { ["name"] = "Ada", ["email"] = "ada@example.org", ["password"] = "a long enough password" }, "/sign-up");
        using var refused = await taken.PostFormAsync("/sign-up", new() { ["name"] = "Eve", ["email"] = existing.User.Email.ToUpperInvariant(), ["password"] = "a long enough password" }, "/sign-up");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("If that address had no account, it has one now", await created.Content.ReadAsStringAsync());
        Assert.Equal(await WithoutFormToken(created, "ada@example.org"), await WithoutFormToken(refused, existing.User.Email.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.Redirect, (await taken.Http.GetAsync("/account")).StatusCode);
        // A form wrong in another field is refused for that field alone, taken address or not.
        using var weak = await Session.Anonymous(Site).PostFormAsync("/sign-up", new() { ["name"] = "Eve", ["email"] = existing.User.Email, ["password"] = "x" }, "/sign-up");
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.DoesNotContain(Core.Accounts.Users.EmailTaken, await weak.Content.ReadAsStringAsync());
        await Session.SignedIn(Site, existing);
        using var eve = await Session.Anonymous(Site).PostFormAsync("/sign-in", new() { ["email"] = existing.User.Email, ["password"] = "a long enough password" }, "/sign-in");
        Assert.Equal(HttpStatusCode.Unauthorized, eve.StatusCode);
    }

    [Fact]
    public async Task Sign_in_answers_alike_for_an_unknown_address_and_a_wrong_password_and_throttles_both_alike()
    {
        var account = await Site.AccountAsync(Roles.Contributor);
        var session = Session.Anonymous(Site);
        var known = new List<(HttpStatusCode, string)>();
        var unknown = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < SignInThrottle.FreePairFailures; i++)
        {
            known.Add(await SignInAnswer(session, account.User.Email, "not the password"));
            unknown.Add(await SignInAnswer(session, "nobody-" + account.User.Email, "not the password"));
        }
        var right = await SignInAnswer(session, account.User.Email, account.Password);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, SignInThrottle.FreePairFailures - 1), HttpStatusCode.TooManyRequests], known.Select(k => k.Item1));
        Assert.Equal(known, unknown);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.Item1);
        Assert.Contains("try again in 1 minute", right.Item2);
    }

    [Fact]
    public async Task Guesses_from_many_addresses_hold_an_account_only_briefly_and_never_its_owners_known_browser()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-06-01T12:00:00Z"));
        var throttle = new SignInThrottle(clock);
        var victim = await Site.AccountAsync(Roles.Contributor);
        await using var connection = await Site.Store.OpenAsync();

        for (var i = 0; i < 200; i++)
            await throttle.FailedAsync(connection, victim.User.Email, $"203.0.113.{i % 250}", knownDevice: false);

        Assert.Null(await throttle.WaitAsync(connection, victim.User.Email, "198.51.100.7", knownDevice: true));
        var stranger = await throttle.WaitAsync(connection, victim.User.Email, "198.51.100.7", knownDevice: false);
        Assert.NotNull(stranger);
        Assert.InRange(stranger.Value, TimeSpan.FromMinutes(1), SignInThrottle.MaxAccountWait);
        clock.Advance(SignInThrottle.MaxAccountWait);
        Assert.Null(await throttle.WaitAsync(connection, victim.User.Email, "198.51.100.7", knownDevice: false));
        var result = await new Users(clock).SignInAsync(connection, throttle, victim.User.Email, victim.Password, "198.51.100.7", knownDevice: false);
        Assert.Equal(SignInOutcome.SignedIn, result.Outcome);
    }

    [Fact]
    public async Task Waits_double_with_each_failure_past_the_free_ones_up_to_their_cap()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), SignInThrottle.Backoff(1, SignInThrottle.MaxPairWait));
        Assert.Equal(TimeSpan.FromMinutes(8), SignInThrottle.Backoff(4, SignInThrottle.MaxPairWait));
        Assert.Equal(SignInThrottle.MaxPairWait, SignInThrottle.Backoff(7, SignInThrottle.MaxPairWait));
        Assert.Equal(SignInThrottle.MaxAccountWait, SignInThrottle.Backoff(1000, SignInThrottle.MaxAccountWait));
        await Task.CompletedTask;
    }

    private string? lastLocation;

    private async Task<HttpStatusCode> StatusWithCookie(string path, string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = Site.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        lastLocation = response.Headers.Location?.ToString();
        if (lastLocation is not null && Uri.TryCreate(lastLocation, UriKind.Absolute, out var absolute)) lastLocation = absolute.PathAndQuery;
        return response.StatusCode;
    }

    private static async Task<(HttpStatusCode, string)> SignInAnswer(Session session, string email, string password)
    {
        using var response = await session.PostFormAsync("/sign-in", new() { ["email"] = email, ["password"] = password }, "/sign-in");
        return (response.StatusCode, await WithoutFormToken(response, email));
    }

    // The page without its anti-forgery token and the address typed, which differ by design.
    private static async Task<string> WithoutFormToken(HttpResponseMessage response, string email)
    {
        var html = await response.Content.ReadAsStringAsync();
        html = System.Text.RegularExpressions.Regex.Replace(html, "name=\"__RequestVerificationToken\"[^>]*", "");
        return html.Replace(System.Net.WebUtility.HtmlEncode(email), "EMAIL");
    }
}
