namespace Coopdir.Accounts;

/// <summary>Where the header's "Sign in" and "Sign up" bring a person back to: the page they are on.</summary>
public static class ReturnHere
{
    // On these pages the way back is the one they already carry, never the account page itself.
    private static readonly string[] AccountPages = ["/sign-in", "/sign-up", "/forgot-password", "/reset-password"];

    /// <summary>
    /// The page's local path and query (<see cref="LocalUrl"/>), or null when there is no page to come
    /// back to: a form's answer (a POST renders a page at an address that cannot be fetched again).
    /// </summary>
    public static string? Of(HttpRequest? request)
    {
        if (request is null || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))) return null;
        if (AccountPages.Any(page => request.Path.Equals(page, StringComparison.OrdinalIgnoreCase)))
            return LocalUrl.OrNull(request.Query["returnUrl"]);
        return LocalUrl.OrNull(request.PathBase + request.Path + request.QueryString);
    }
}
