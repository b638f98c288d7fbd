using Coopdir.Core.Accounts;
using Microsoft.AspNetCore.DataProtection;

namespace Coopdir.Accounts;

/// <summary>
/// A browser that has signed in to an account before keeps a cookie saying so (protected, so it cannot be
/// forged), and is not held by that account's account-wide sign-in wait: guesses from elsewhere cannot keep
/// the account's owner out (see <see cref="SignInThrottle"/>).
/// </summary>
public sealed class KnownDevices(IDataProtectionProvider protection)
{
    public const string Cookie = "coopdir_device";

    private readonly IDataProtector protector = protection.CreateProtector("Coopdir.KnownDevice");

    public bool IsKnown(HttpContext http, string email)
    {
        if (http.Request.Cookies[Cookie] is not { Length: > 0 and < 1024 } value) return false;
        try
        {
            return protector.Unprotect(value).Split(' ').Contains(SignInThrottle.EmailKey(email));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Remembers the account in the browser's device cookie (the last few accounts signed in from it).</summary>
    public void Remember(HttpContext http, string email)
    {
        var known = new List<string>();
        if (http.Request.Cookies[Cookie] is { Length: > 0 and < 1024 } value)
        {
            try { known.AddRange(protector.Unprotect(value).Split(' ')); }
            catch (System.Security.Cryptography.CryptographicException) { /* a cookie from an old key ring: start again */ }
        }
        var key = SignInThrottle.EmailKey(email);
        known = known.Where(k => k != key).Prepend(key).Take(5).ToList();
        http.Response.Cookies.Append(Cookie, protector.Protect(string.Join(' ', known)), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true,
        });
    }
}
