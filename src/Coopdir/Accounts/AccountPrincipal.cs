using System.Globalization;
using System.Security.Claims;
using Coopdir.Core.Accounts;

namespace Coopdir.Accounts;

/// <summary>An account as an ASP.NET Core principal, and back.</summary>
public static class AccountPrincipal
{
    /// <summary>The claim carrying the account's security stamp in a session (see <see cref="Users.FindSessionAsync"/>).</summary>
    public const string StampClaim = "stamp";

    public static ClaimsPrincipal Create(User user, string scheme, string? stamp = null) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, user.Name),
        new Claim(ClaimTypes.Email, user.Email),
        new Claim(ClaimTypes.Role, user.Role),
        new Claim("created_at", user.CreatedAt.ToString("O")),
        .. stamp is null ? Array.Empty<Claim>() : [new Claim(StampClaim, stamp)],
    ], scheme));

    /// <summary>The signed-in account, or null for a reader.</summary>
    public static User? ToUser(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? new User(id, principal.FindFirstValue(ClaimTypes.Email) ?? "", principal.FindFirstValue(ClaimTypes.Name) ?? "",
                principal.FindFirstValue(ClaimTypes.Role) ?? "",
                DateTimeOffset.Parse(principal.FindFirstValue("created_at") ?? "2000-01-01T00:00:00Z", CultureInfo.InvariantCulture))
            : null;
}
