using System.Net;
using Coopdir.Core.Accounts;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Accounts;

/// <summary>A page that needs an account says why, and sign-in and sign-up come back to it (from the header too); never to another site.</summary>
public sealed class ReturnUrlTests : SiteTest
{
    [Fact]
    public async Task Suggesting_an_edit_signed_out_says_why_and_sign_up_then_sign_in_come_back_to_the_form()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var visitor = Session.Anonymous(Site);
        var edit = $"/organizations/{id}/edit";

        using var challenged = await visitor.Http.GetAsync(edit);
        Assert.Equal(HttpStatusCode.Redirect, challenged.StatusCode);
        var location = challenged.Headers.Location!;
        var signIn = await visitor.Http.GetPageAsync(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
        Assert.Contains("To suggest an edit", signIn.QuerySelector(".sign-in-reason")!.TextContent);
        var signUpLink = signIn.QuerySelector("main a[href^='/sign-up']")!.GetAttribute("href")!;
        Assert.Equal($"/sign-up?returnUrl={Uri.EscapeDataString(edit)}", signUpLink);
        var signUp = await visitor.Http.GetPageAsync(signUpLink);
        Assert.Equal(edit, signUp.QuerySelector("input[name=returnUrl]")!.GetAttribute("value"));

        using var created = await visitor.PostFormAsync("/sign-up", new()
        {
            ["name"] = "Ada", ["email"] = "ada@example.org", ["password"] = "a long enough password", ["returnUrl"] = edit,
        }, signUpLink);
        var next = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await created.Content.ReadAsStringAsync());
        Assert.Equal(edit, next.QuerySelector("form[action='/sign-in'] input[name=returnUrl]")!.GetAttribute("value"));
        Assert.Contains("To suggest an edit", next.QuerySelector(".sign-in-reason")!.TextContent);

        using var signedIn = await visitor.PostFormAsync("/sign-in", new()
        {
            ["email"] = "ada@example.org", ["password"] = "a long enough password", ["returnUrl"] = edit,
        }, "/sign-in");
        Assert.Equal(edit, signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync(edit)).StatusCode);
    }

    [Fact]
    public async Task Signing_in_from_the_header_of_an_organization_page_comes_back_to_it()
    {
        var account = await Site.AccountAsync(Roles.Contributor);
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var visitor = Session.Anonymous(Site);
        var page = $"/organizations/{id}";

        var organization = await visitor.Http.GetPageAsync(page);
        var signInLink = organization.QuerySelector("header a[href^='/sign-in']")!.GetAttribute("href")!;
        Assert.Equal($"/sign-up?returnUrl={Uri.EscapeDataString(page)}", organization.QuerySelector("header a[href^='/sign-up']")!.GetAttribute("href"));
        var signIn = await visitor.Http.GetPageAsync(signInLink);
        Assert.Equal(page, signIn.QuerySelector("main input[name=returnUrl]")!.GetAttribute("value"));
        Assert.Equal(signInLink, signIn.QuerySelector("header a[href^='/sign-in']")!.GetAttribute("href"));
        var search = await visitor.Http.GetPageAsync("/search?q=suma&kind=cooperative");
        Assert.Equal("/sign-in?returnUrl=" + Uri.EscapeDataString("/search?q=suma&kind=cooperative"),
            search.QuerySelector("header a[href^='/sign-in']")!.GetAttribute("href"));

        using var signedIn = await visitor.PostFormAsync("/sign-in", new()
        {
            ["email"] = account.User.Email, ["password"] = account.Password, ["returnUrl"] = page,
        }, signInLink);
        Assert.Equal(page, signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_return_url_off_this_site_is_dropped_by_sign_in_and_sign_up_and_a_site_without_mail_says_who_resets_passwords()
    {
        var account = await Site.AccountAsync(Roles.Contributor);
        string[] offSite = ["https://evil.example/organizations/1/edit", "//evil.example/organizations/1/edit", "/\\evil.example/x", "/\t/evil.example", "http:/evil.example"];

        foreach (var returnUrl in offSite)
        {
            var visitor = Session.Anonymous(Site);
            var query = Uri.EscapeDataString(returnUrl);
            var signIn = await visitor.Http.GetPageAsync($"/sign-in?returnUrl={query}");
            var signUp = await visitor.Http.GetPageAsync($"/sign-up?returnUrl={query}");
            using var signedIn = await visitor.PostFormAsync("/sign-in", new()
            {
                ["email"] = account.User.Email, ["password"] = account.Password, ["returnUrl"] = returnUrl,
            }, "/sign-in");

            Assert.Equal("", signIn.QuerySelector("input[name=returnUrl]")!.GetAttribute("value") ?? "");
            Assert.Null(signIn.QuerySelector(".sign-in-reason"));
            Assert.Equal("/sign-up", signIn.QuerySelector("main a[href^='/sign-up']")!.GetAttribute("href"));
            Assert.Equal("", signUp.QuerySelector("input[name=returnUrl]")!.GetAttribute("value") ?? "");
            Assert.True(signedIn.Headers.Location?.OriginalString == "/account", $"{returnUrl} led to {signedIn.Headers.Location}");
        }
        // And this site sends no mail, so the way to a new password is its operators.
        var forgot = await Site.Http.GetPageAsync("/forgot-password");
        Assert.Contains("does not send e-mail", forgot.QuerySelector("main")!.TextContent);
        Assert.Null(forgot.QuerySelector("input[name=email]"));
    }
}
