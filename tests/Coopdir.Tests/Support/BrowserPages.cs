using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Coopdir.Tests.Support;

/// <summary>What browser tests do on many pages: sign in through the form, and ask axe-core what is wrong.</summary>
public static class BrowserPages
{
    public static async Task SignInAsync(this IPage page, TestSite site, TestAccount account)
    {
        await page.GotoAsync(new Uri(site.BaseAddress, "/sign-in").ToString());
        await page.GetByLabel("Email").FillAsync(account.User.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>The page's serious and critical axe-core violations, one line each, naming the path and the width.</summary>
    public static async Task<IEnumerable<string>> SeriousViolationsAsync(this IPage page, string path, int width) =>
        (await page.RunAxe()).Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{path} at {width}px: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Select(n => n.Html))}");
}
