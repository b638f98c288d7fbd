using System.Net;
using Coopdir.Core.Accounts;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Accounts;

/// <summary>`coopdir tokens revoke` and `coopdir users disable` take effect on the running site's next request.</summary>
public sealed class RevocationCommandTests : SiteTest
{
    [Fact]
    public async Task Tokens_revoke_refuses_the_token_named_at_once_and_all_revokes_the_rest()
    {
        var account = await Site.AccountAsync(Roles.Editor);
        var second = await CommandLine.RunAsync("tokens", "create", "--db", Site.StoreSetting, "--email", account.User.Email, "--label", "second");
        var secondToken = second.Output.TrimEnd().Split('\n')[^1];
        var listed = await CommandLine.RunAsync("tokens", "list", "--db", Site.StoreSetting, "--email", account.User.Email);
        var firstId = listed.Output.Split('\n')[0].Split('\t')[0];

        var neither = await CommandLine.RunAsync("tokens", "revoke", "--db", Site.StoreSetting, "--email", account.User.Email);
        var unknown = await CommandLine.RunAsync("tokens", "revoke", "--db", Site.StoreSetting, "--email", account.User.Email, "--id", "999999");
        var one = await CommandLine.RunAsync("tokens", "revoke", "--db", Site.StoreSetting, "--email", account.User.Email, "--id", firstId);

        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("--id, --all: give exactly one of them", neither.Errors);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("has no live token 999999", unknown.Errors);
        Assert.True(one.ExitCode == 0, one.Errors);
        Assert.Equal(HttpStatusCode.Unauthorized, await WriteStatus(account.Token));
        Assert.NotEqual(HttpStatusCode.Unauthorized, await WriteStatus(secondToken));

        var all = await CommandLine.RunAsync("tokens", "revoke", "--db", Site.StoreSetting, "--email", account.User.Email, "--all");
        Assert.Contains("Revoked 1 token(s)", all.Output);
        Assert.Equal(HttpStatusCode.Unauthorized, await WriteStatus(secondToken));
    }

    [Fact]
    public async Task Users_disable_ends_sessions_refuses_tokens_and_sign_in_and_enable_lets_the_account_back_in()
    {
        var account = await Site.AccountAsync(Roles.Editor);
        var session = await Session.SignedIn(Site, account);

        var disabled = await CommandLine.RunAsync("users", "disable", "--db", Site.StoreSetting, "--email", account.User.Email);

        Assert.True(disabled.ExitCode == 0, disabled.Errors);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Http.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await WriteStatus(account.Token));
        using (var signIn = await Session.Anonymous(Site).PostFormAsync("/sign-in", new() { ["email"] = account.User.Email, ["password"] = account.Password }, "/sign-in"))
            Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);

        var enabled = await CommandLine.RunAsync("users", "enable", "--db", Site.StoreSetting, "--email", account.User.Email);
        Assert.True(enabled.ExitCode == 0, enabled.Errors);
        Assert.NotEqual(HttpStatusCode.Unauthorized, await WriteStatus(account.Token));
        await Session.SignedIn(Site, account);

        var nobody = await CommandLine.RunAsync("users", "disable", "--db", Site.StoreSetting, "--email", "nobody@example.org");
        Assert.Equal(1, nobody.ExitCode);
        Assert.Contains("--email: there is no account for nobody@example.org", nobody.Errors);
    }

    // A write with a token: 401 when the token is refused, anything else (here 404 for no such record) when it is accepted.
    private async Task<HttpStatusCode> WriteStatus(string token)
    {
        using var client = new HttpClient { BaseAddress = Site.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/organizations/999999")
        {
            Content = new StringContent("""{"phone":"0161 000000"}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
