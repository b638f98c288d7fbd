using System.Net;
using AngleSharp.Html.Parser;

namespace Coopdir.Tests.Support;

/// <summary>A browser-like client: its own cookies, no automatic redirects, and the anti-forgery token of its last form page.</summary>
public sealed class Session(HttpClient http, CookieContainer cookies)
{
    public HttpClient Http { get; } = http;
    public CookieContainer Cookies { get; } = cookies;

    public static Session Anonymous(TestSite site) => Anonymous(site.BaseAddress);

    public static Session Anonymous(Uri site)
    {
        var cookies = new CookieContainer();
        return new Session(new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = site }, cookies);
    }

    public static async Task<Session> SignedIn(TestSite site, TestAccount account)
    {
        var session = Anonymous(site);
        using var response = await session.PostFormAsync("/sign-in", new() { ["email"] = account.User.Email, ["password"] = account.Password, ["returnUrl"] = "" }, "/sign-in");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return session;
    }

    /// <summary>The hidden anti-forgery field of the first form on a page.</summary>
    public async Task<string> FormTokenAsync(string page)
    {
        var html = await Http.GetStringAsync(page);
        return new HtmlParser().ParseDocument(html).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{page} has no form with an anti-forgery token");
    }

    /// <summary>Posts a form as a browser would, with the token from <paramref name="tokenPage"/> (none when null).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, string? tokenPage)
    {
        var values = new Dictionary<string, string>(fields);
        if (tokenPage is not null) values["__RequestVerificationToken"] = await FormTokenAsync(tokenPage);
        return await Http.PostAsync(url, new FormUrlEncodedContent(values));
    }
}
