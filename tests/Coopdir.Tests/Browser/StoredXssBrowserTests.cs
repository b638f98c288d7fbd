using System.Net.Http.Json;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Tests.Support;
using Microsoft.Playwright;

namespace Coopdir.Tests.Browser;

/// <summary>
/// Script, event-handler and attribute-breaking payloads stored in every text field, then every page
/// that shows them opened in Chromium with the Content-Security-Policy bypassed, so that only the
/// pages' own encoding stands between the payloads and execution.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StoredXssBrowserTests(Support.Browser browser) : SiteTest
{
    private const string Script = "<script>window.__xss=1</script>";
    private const string Handler = "<img src=x onerror=\"window.__xss=1\">";
    private const string Breakout = "\"' onmouseover=\"window.__xss=1";
    private const string Payload = Script + Handler + Breakout;

    [Fact]
    public async Task Stored_script_in_every_text_field_renders_inert_on_every_page()
    {
        var network = (await Site.SeedAsync(An.Organization("Network " + Payload, kind: "network")))[0];
        var id = (await Site.SeedAsync(An.Organization("Co-op " + Payload).In("GB", "Town " + Payload, 53.8, -1.5, "Region " + Payload, "PC " + Handler, "Street " + Payload)
            .Described("About " + Payload) with
            {
                AlternateNames = ["Alias " + Payload],
                Website = "https://example.org/?q=\"><img src=x onerror=window.__xss=1>",
                Email = "a<svg/onload=window.__xss=1>@example.org",
                // Schemes and codes are short (InputLimits): the shortest payload goes there.
                Identifiers = [new Identifier("Scheme " + Handler, "Value " + Payload)],
                Classifications = [new Classification("Vocabulary " + Handler, "Code " + Handler)],
                Relationships = [An.Relationship(RelationshipTypes.MemberOf, network, "2001", "Role " + Payload)],
            }))[0];
        var contributor = await Site.AccountAsync("contributor", Handler + Breakout);
        var maintainer = await Site.AccountAsync("maintainer");
        var rejected = await Propose(contributor, id, "Summary " + Payload);
        await Propose(contributor, id, "Pending " + Payload);
        await maintainer.Api.PostAsJsonAsync($"/api/v1/proposals/{rejected}/reject", new { reason = "Reason " + Payload });
        using (var bad = await contributor.Api.PostAsJsonAsync("/api/v1/proposals", new
               {
                   organization_id = id, base_revision = 1, summary = "x", patch = new { website = "javascript:window.__xss=1" },
               }))
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);

        await using var context = await browser.Instance.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Email").FillAsync(contributor.User.Email);
        await page.GetByLabel("Password").FillAsync(contributor.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        string[] pages =
        [
            "/", "/search", "/search?q=co-op", $"/organizations/{id}", $"/organizations/{network}", $"/organizations/{id}/history",
            $"/organizations/{id}/edit", $"/organizations/{id}/claim", "/changes", "/proposals", $"/proposals/{rejected}",
            $"/users/{contributor.User.Id}", "/account",
        ];
        foreach (var path in pages)
        {
            await page.GotoAsync(Url(path));
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.Locator("body").HoverAsync();
            Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), $"{path}: a payload ran");
            Assert.True(await page.EvaluateAsync<bool>("""
                () => ![...document.querySelectorAll('*')].some(e => [...e.attributes].some(a => a.name.startsWith('on')))
                    && [...document.querySelectorAll('script:not([src])')].every(s => s.type === 'application/ld+json')
                    && document.querySelectorAll('img[src="x"], svg[onload]').length === 0
                    && ![...document.querySelectorAll('a[href]')].some(a => a.href.trim().toLowerCase().startsWith('javascript:'))
                """), $"{path}: a payload became markup");
        }

        await page.GotoAsync(Url($"/organizations/{id}"));
        Assert.Contains("About " + Payload, await page.Locator(".description").InnerTextAsync());
    }

    private string Url(string path) => new Uri(Site.BaseAddress, path).ToString();

    private static async Task<long> Propose(TestAccount account, long id, string summary)
    {
        using var response = await account.Api.PostAsJsonAsync("/api/v1/proposals", new
        {
            organization_id = id, base_revision = 1, summary, patch = new { description = "Proposed " + Payload },
        });
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("id").GetInt64();
    }
}
