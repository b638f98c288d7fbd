using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Coopdir.Tests.Support;

/// <summary>What browser tests do on many pages: sign in through the form, ask axe-core what is wrong, and find what sticks out sideways.</summary>
public static class BrowserPages
{
    public static async Task SignInAsync(this IPage page, TestSite site, TestAccount account)
    {
        await page.GotoAsync(new Uri(site.BaseAddress, "/sign-in").ToString());
        await page.GetByLabel("Email").FillAsync(account.User.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>axe-core's rules and target-size, which axe leaves off: every control at least 24 by 24 pixels (WCAG 2.2 AA).</summary>
    public static AxeRunOptions WithTargetSize => new() { Rules = new Dictionary<string, RuleOptions> { ["target-size"] = new() { Enabled = true } } };

    /// <summary>The page's serious and critical axe-core violations, one line each, naming the path and the width.</summary>
    public static async Task<IEnumerable<string>> SeriousViolationsAsync(this IPage page, string path, int width, AxeRunOptions? options = null) =>
        (await page.RunAxe(options)).Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{path} at {width}px: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Select(n => $"{string.Join(" ", n.Target)} {n.Html}"))}");

    /// <summary>
    /// What makes the page scroll sideways: up to five of the innermost elements whose box or text passes the screen's
    /// right edge (those inside a box that scrolls or clips, such as a wide table's or a map's, do not count), or the
    /// page's width when the culprit is none of them. Empty when the page fits.
    /// </summary>
    public static Task<string[]> WiderThanTheScreenAsync(this IPage page) => page.EvaluateAsync<string[]>("""
        (() => {
          const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };
          const right = e => { const r = e.getBoundingClientRect(); return getComputedStyle(e).overflowX === 'visible' ? Math.max(r.right, r.left + e.scrollWidth) : r.right; };
          const wide = [...document.querySelectorAll('body *')].filter(e => right(e) > innerWidth + 1 && !clipped(e));
          const found = wide.filter(e => !wide.some(o => o !== e && e.contains(o))).slice(0, 5)
            .map(e => `${e.tagName.toLowerCase()}.${e.getAttribute('class') ?? ''} "${e.textContent.trim().slice(0, 30)}" (${Math.round(right(e))}px)`);
          const width = document.scrollingElement.scrollWidth;
          return found.length === 0 && width > innerWidth ? [`the page (${width}px)`] : found;
        })()
        """);
}
