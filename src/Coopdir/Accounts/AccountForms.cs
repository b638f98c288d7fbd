namespace Coopdir.Accounts;

public sealed record SignUpForm(string? Name, string? Email, string? Password, string? ReturnUrl);

public sealed record SignInForm(string? Email, string? Password, string? ReturnUrl);

public static class LocalUrl
{
    private static readonly Uri Here = new("http://here.invalid/");

    /// <summary>
    /// Only a path on this site, so a sign-in link cannot send people elsewhere: the framework's local-URL check, after
    /// refusing what browsers strip or rewrite before they follow a Location ("/\t/evil.com" becomes "//evil.com"), and
    /// resolved against this site so that what is returned is the path a browser will follow, ASCII and percent-encoded.
    /// </summary>
    public static string Or(string? url, string fallback)
    {
        if (url is null || url.Length is 0 or > Core.Input.InputLimits.Url || url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')
            || url[0] != '/' || !Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult.IsLocalUrl(url))
            return fallback;
        if (!Uri.TryCreate(Here, url, out var resolved) || resolved.Authority != Here.Authority) return fallback;
        // Resolving drops "." and ".." segments but keeps empty ones: "/.//evil.com" becomes "//evil.com", so check again.
        var local = resolved.PathAndQuery + resolved.Fragment;
        return Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult.IsLocalUrl(local) && !local.StartsWith("//", StringComparison.Ordinal) ? local : fallback;
    }

    /// <summary>The URL when it is a path on this site (see <see cref="Or"/>), otherwise null: what a form carries on to the next step.</summary>
    public static string? OrNull(string? url) => Or(url, "") is { Length: > 0 } local ? local : null;
}
