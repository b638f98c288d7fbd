using System.Net;
using System.Text.RegularExpressions;
using Coopdir.Core.Accounts;
using Coopdir.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Coopdir.Tests.Accounts;

/// <summary>
/// "Forgot your password?" over real HTTP, with the site's mail written to a pickup directory instead of an SMTP
/// server: a link works once, for an hour, ends every session, and asking says nothing about which addresses have accounts.
/// </summary>
public sealed partial class PasswordResetTests() : SiteTest(new SiteOptions
{
    Configuration = [$"--Mail:PickupDirectory={Pickup}", $"--RateLimits:SignInsPerMinute={ResetsPerMinute}"],
})
{
    private const int ResetsPerMinute = 8;
    private static readonly string Pickup = Path.GetDirectoryName(CommandLine.TempFile("mail"))!;
    private const string NewPassword = "a brand new password";

    [Fact]
    public async Task A_mailed_link_sets_a_new_password_once_and_ends_every_session()
    {
        var account = await Site.AccountAsync(Roles.Contributor);
        var phone = await Session.SignedIn(Site, account);
        var visitor = Session.Anonymous(Site);

        using (var asked = await visitor.PostFormAsync("/forgot-password", new() { ["email"] = account.User.Email }, "/forgot-password"))
            Assert.Contains("is on its way", await asked.Content.ReadAsStringAsync());
        var link = new Uri(Assert.Single(await MailToAsync(account.User.Email, 1)));
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);
        Assert.Equal("/reset-password", link.AbsolutePath);
        var form = await visitor.Http.GetPageAsync(link.PathAndQuery);
        Assert.Equal(token, form.QuerySelector("input[name=token]")!.GetAttribute("value"));

        using (var weak = await visitor.PostFormAsync("/reset-password", new() { ["token"] = token, ["new_password"] = "short" }, "/sign-in"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
            Assert.Contains("must be at least", await weak.Content.ReadAsStringAsync());
        }
        using (var reset = await visitor.PostFormAsync("/reset-password", new() { ["token"] = token, ["new_password"] = NewPassword }, "/sign-in"))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            Assert.Contains("Your password is changed", await reset.Content.ReadAsStringAsync());
        }
        using (var again = await visitor.PostFormAsync("/reset-password", new() { ["token"] = token, ["new_password"] = "yet another password" }, "/sign-in"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.Contains("not valid", await again.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.Redirect, (await phone.Http.GetAsync("/account")).StatusCode);
        using (var old = await Session.Anonymous(Site).PostFormAsync("/sign-in", new() { ["email"] = account.User.Email, ["password"] = account.Password }, "/sign-in"))
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        await Session.SignedIn(Site, account with { Password = NewPassword });
    }

    [Fact]
    public async Task Asking_for_an_unknown_address_answers_alike_sends_nothing_and_an_account_gets_three_links_an_hour()
    {
        var account = await Site.AccountAsync(Roles.Contributor);
        var visitor = Session.Anonymous(Site);
        var unknown = "nobody-" + account.User.Email;

        var answers = new List<(HttpStatusCode, string)> { await AskAsync(visitor, unknown) };
        for (var i = 0; i < PasswordResets.PerAccountPerHour + 1; i++) answers.Add(await AskAsync(visitor, account.User.Email));

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(HttpStatusCode.OK, answers[0].Item1);
        Assert.Equal(PasswordResets.PerAccountPerHour, (await MailToAsync(account.User.Email, PasswordResets.PerAccountPerHour)).Count);
        Assert.Empty(await MailToAsync(unknown, 0));
        // And one client is held, whatever address it asks about.
        var statuses = new List<HttpStatusCode>();
        for (var i = answers.Count; i <= ResetsPerMinute; i++) statuses.Add((await AskAsync(visitor, unknown)).Item1);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task An_operator_prints_a_working_link_on_the_command_line_and_every_link_expires_after_an_hour()
    {
        var account = await Site.AccountAsync(Roles.Contributor);

        var run = await CommandLine.RunAsync("users", "reset-password", "--db", Site.StoreSetting, "--email", account.User.Email.ToUpperInvariant(),
            "--base-url", Site.BaseAddress.ToString());
        var nobody = await CommandLine.RunAsync("users", "reset-password", "--db", Site.StoreSetting, "--email", "nobody@example.org");

        Assert.True(run.ExitCode == 0, run.Errors);
        var link = new Uri(run.Output.Trim());
        Assert.Equal(Site.BaseAddress.Authority, link.Authority);
        Assert.NotNull((await Site.Http.GetPageAsync(link.PathAndQuery)).QuerySelector("input[name=new_password]"));
        Assert.Equal(1, nobody.ExitCode);
        Assert.Contains("there is no account for nobody@example.org", nobody.Errors);

        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var resets = new PasswordResets(clock);
        await using var connection = await Site.Store.OpenAsync();
        var (_, token) = (await resets.CreateAsync(connection, account.User.Email))!.Value;
        clock.Advance(PasswordResets.Lifetime);
        var expired = await resets.ResetAsync(connection, token, NewPassword);
        Assert.False(expired.Succeeded);
        Assert.Equal(PasswordResets.NotValid, Assert.Single(expired.Errors).Message);
        var never = await Site.Http.GetPageAsync("/reset-password?token=reset_never-issued", HttpStatusCode.BadRequest);
        Assert.Contains(PasswordResets.NotValid, never.QuerySelector("[role=alert]")!.TextContent);
        Assert.Null(never.QuerySelector("input[name=new_password]"));
    }

    private static async Task<(HttpStatusCode, string)> AskAsync(Session session, string email)
    {
        using var response = await session.PostFormAsync("/forgot-password", new() { ["email"] = email }, "/sign-in");
        var html = await response.Content.ReadAsStringAsync();
        html = Regex.Replace(html, "name=\"__RequestVerificationToken\"[^>]*", "");
        return (response.StatusCode, html.Replace(WebUtility.HtmlEncode(email), "EMAIL"));
    }

    /// <summary>The links in the mail sent to the address, once <paramref name="expected"/> have arrived (mail is sent in the background).</summary>
    private static async Task<List<string>> MailToAsync(string address, int expected)
    {
        List<string> links = [];
        for (var attempt = 0; attempt < 50; attempt++)
        {
            links = Directory.EnumerateFiles(Pickup, "*.eml")
                .Select(path => MimeMessage.Load(path))
                .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
                .Select(m => ResetLink().Match(m.TextBody ?? "").Value)
                .ToList();
            if (links.Count >= expected && (expected > 0 || attempt >= 5)) break;
            await Task.Delay(100);
        }
        return links;
    }

    [GeneratedRegex(@"https?://\S+/reset-password\?token=\S+")]
    private static partial Regex ResetLink();
}
