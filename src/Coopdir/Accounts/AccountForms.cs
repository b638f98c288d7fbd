namespace Coopdir.Accounts;

public sealed record SignUpForm(string? Name, string? Email, string? Password);

public sealed record SignInForm(string? Email, string? Password, string? ReturnUrl);

public static class LocalUrl
{
    /// <summary>Only a path on this site, so a sign-in link cannot send people elsewhere.</summary>
    public static string Or(string? url, string fallback) =>
        url is { Length: > 1 } && url[0] == '/' && url[1] != '/' && url[1] != '\\' ? url : fallback;
}
