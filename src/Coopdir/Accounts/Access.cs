using System.Security.Claims;
using Coopdir.Core.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Coopdir.Accounts;

/// <summary>
/// Who may call what. The API takes only bearer tokens (so a browser's cookies can never be used
/// against it from another site); pages and forms take only the session cookie, with anti-forgery.
/// </summary>
public static class Access
{
    /// <summary>The API, for an account with at least <paramref name="role"/>.</summary>
    public static AuthorizationPolicy Api(string role) => Policy(BearerTokenHandler.SchemeName, role);

    /// <summary>Pages and forms, for a signed-in account with at least <paramref name="role"/>.</summary>
    public static AuthorizationPolicy Web(string role) => Policy(CookieAuthenticationDefaults.AuthenticationScheme, role);

    private static AuthorizationPolicy Policy(string scheme, string role) =>
        new AuthorizationPolicyBuilder(scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => Roles.AtLeast(context.User.FindFirstValue(ClaimTypes.Role), role))
            .Build();
}
