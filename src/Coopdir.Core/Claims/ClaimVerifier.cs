using System.Text.RegularExpressions;

namespace Coopdir.Core.Claims;

/// <summary>What a verification found: Verified, or why not.</summary>
public sealed record ClaimCheck(bool Verified, string Detail);

/// <summary>
/// Looks for a claim's token on the organization's website: a line of
/// <c>/.well-known/coopdir-verification.txt</c>, or <c>&lt;meta name="coopdir-verification" content="TOKEN"&gt;</c>
/// on the home page, read through <see cref="WebsiteFetcher"/> (no private addresses, bounded size and time).
/// </summary>
public sealed partial class ClaimVerifier(WebsiteFetcher fetcher)
{
    public const string WellKnownPath = "/.well-known/coopdir-verification.txt";

    public async Task<ClaimCheck> CheckAsync(string? website, string token, CancellationToken cancellation)
    {
        if (website is null || !Uri.TryCreate(website, UriKind.Absolute, out var site) || site.Scheme is not ("http" or "https"))
            return new ClaimCheck(false, "The listing has no website to verify against; propose its website first.");
        var file = new Uri(site, WellKnownPath);
        var text = (await fetcher.GetAsync(file, cancellation)).Text;
        if (text is not null && text.Split('\n').Any(line => line.Trim() == token))
            return new ClaimCheck(true, $"Found the token at {file}.");
        var home = (await fetcher.GetAsync(site, cancellation)).Text;
        if (home is not null && MetaTags().Matches(home).Any(m => m.Groups["content"].Value == token))
            return new ClaimCheck(true, $"Found the token in a meta tag on {site}.");
        return new ClaimCheck(false, $"The token was neither a line of {file} nor in a <meta name=\"coopdir-verification\"> tag on {site}.");
    }

    [GeneratedRegex("""<meta\s+name=["']coopdir-verification["']\s+content=["'](?<content>[^"']*)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaTags();
}
