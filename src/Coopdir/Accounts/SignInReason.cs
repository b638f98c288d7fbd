namespace Coopdir.Accounts;

/// <summary>Why the page someone was on sent them to sign in, said on the sign-in and sign-up pages.</summary>
public static class SignInReason
{
    private const string Credit = "every change is reviewed, and credited to its author in the public history.";

    /// <summary>The reason for a local return URL (see <see cref="LocalUrl"/>), or null when there is none.</summary>
    public static string? For(string? returnUrl)
    {
        if (returnUrl is null) return null;
        var segments = returnUrl.Split('?', '#')[0].Trim('/').Split('/');
        return segments switch
        {
            ["organizations", "new"] => "To propose a new organization, sign in or sign up: " + Credit,
            ["organizations", _, "edit"] => "To suggest an edit, sign in or sign up: " + Credit,
            ["organizations", _, "claim"] => "To claim this listing, sign in or sign up: the claim is tied to your account.",
            // Any other page: one that needs an account, or the page whose header link was followed.
            _ => "Sign in or sign up, and you will come back to the page you were on.",
        };
    }

    /// <summary>A link to another account page that keeps the way back.</summary>
    public static string Link(string page, string? returnUrl) =>
        returnUrl is null ? page : $"{page}?returnUrl={Uri.EscapeDataString(returnUrl)}";
}
