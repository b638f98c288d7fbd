using System.Security.Claims;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Coopdir.Safety;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Accounts;

/// <summary>Sign-up, sign-in and sign-out (both coming back to the page that asked), password resets, the account page with API tokens, and each person's public contributions.</summary>
public static class AccountsEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription().RequireAntiforgery();
        pages.MapGet("/sign-up", (string? returnUrl) => new RazorComponentResult<SignUpPage>(new { ReturnUrl = LocalUrl.OrNull(returnUrl) }));
        pages.MapPost("/sign-up", SignUp).RequireRateLimiting(RateLimits.SignUp);
        pages.MapGet("/sign-in", (string? returnUrl) => new RazorComponentResult<SignInPage>(new { ReturnUrl = LocalUrl.OrNull(returnUrl) }));
        pages.MapPost("/sign-in", SignIn).RequireRateLimiting(RateLimits.SignIn);
        pages.MapGet("/forgot-password", PasswordResetPages.Request);
        pages.MapPost("/forgot-password", PasswordResetPages.Send).RequireRateLimiting(RateLimits.SignIn);
        pages.MapGet("/reset-password", PasswordResetPages.Form);
        pages.MapPost("/reset-password", PasswordResetPages.Reset).RequireRateLimiting(RateLimits.SignIn);
        pages.MapGet("/users/{id:long}", Contributions);

        var account = pages.MapGroup("").RequireAuthorization(Access.Web(Roles.Contributor));
        account.MapPost("/sign-out", SignOut);
        account.MapGet("/account", Account);
        account.MapPost("/account/password", ChangePassword).RequireRateLimiting(RateLimits.SignIn);
        var tokens = account.MapGroup("/account").RequireRateLimiting(RateLimits.Writes);
        tokens.MapPost("/tokens", CreateToken);
        tokens.MapPost("/tokens/{id:long}/revoke", RevokeToken);
    }

    private const string SignedUpNotice = "If that address had no account, it has one now: sign in with it and your password.";

    // Whether the address was free or not, the answer is the same sign-in page (after the same password
    // hashing), so sign-up does not tell anyone which addresses have accounts.
    private static async Task<IResult> SignUp(IFormCollection fields, HttpContext http, Store store, Users users)
    {
        var form = new SignUpForm(fields["name"], fields["email"], fields["password"], LocalUrl.OrNull(fields["returnUrl"]));
        await using var connection = await store.OpenAsync();
        var (user, errors) = await users.CreateAsync(connection, form.Email ?? "", form.Name ?? "", form.Password ?? "", Roles.Contributor);
        var taken = errors is [{ Field: "email", Message: Users.EmailTaken }];
        if (user is null && !taken)
            return new RazorComponentResult<SignUpPage>(new { Errors = errors, Name = form.Name, Email = form.Email, form.ReturnUrl }) { StatusCode = StatusCodes.Status400BadRequest };
        if (taken) Passwords.Hash(form.Password ?? "");
        return new RazorComponentResult<SignInPage>(new { Email = form.Email, Notice = SignedUpNotice, form.ReturnUrl });
    }

    private static async Task<IResult> SignIn(IFormCollection fields, HttpContext http, Store store, Users users, SignInThrottle throttle, KnownDevices devices)
    {
        var form = new SignInForm(fields["email"], fields["password"], LocalUrl.OrNull(fields["returnUrl"]));
        var email = form.Email ?? "";
        await using var connection = await store.OpenAsync();
        var result = await users.SignInAsync(connection, throttle, email, form.Password ?? "", RateLimits.Address(http), devices.IsKnown(http, email));
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn:
                devices.Remember(http, result.User!.Email);
                await SignInAs(http, result.User!, result.SecurityStamp!);
                return TypedResults.Redirect(LocalUrl.Or(form.ReturnUrl, "/account"));
            case SignInOutcome.Throttled:
                var minutes = (int)Math.Ceiling(result.RetryAfter!.Value.TotalMinutes);
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(result.RetryAfter.Value.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new RazorComponentResult<SignInPage>(new
                {
                    Email = form.Email, ReturnUrl = form.ReturnUrl,
                    Error = $"Too many failed sign-ins with this address: try again in {minutes} minute{(minutes == 1 ? "" : "s")}.",
                }) { StatusCode = StatusCodes.Status429TooManyRequests };
            default:
                return new RazorComponentResult<SignInPage>(new { Email = form.Email, ReturnUrl = form.ReturnUrl, Error = "The email or the password is wrong." })
                {
                    StatusCode = StatusCodes.Status401Unauthorized,
                };
        }
    }

    // Signing out ends every session of the account, so a cookie copied before is refused after.
    private static async Task<RedirectHttpResult> SignOut(HttpContext http, ClaimsPrincipal principal, Store store)
    {
        await using (var connection = await store.OpenAsync()) await Users.EndSessionsAsync(connection, principal.ToUser()!.Id);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/");
    }

    // A new password ends every other session; this one continues with the new stamp.
    private static async Task<IResult> ChangePassword(IFormCollection form, HttpContext http, ClaimsPrincipal principal, Store store)
    {
        var user = principal.ToUser()!;
        string? stamp;
        IReadOnlyList<FieldError> errors;
        await using (var connection = await store.OpenAsync())
            (stamp, errors) = await Users.ChangePasswordAsync(connection, user.Id, form["current_password"].ToString(), form["new_password"].ToString());
        if (stamp is null)
        {
            var page = await AccountViewAsync(user, store, null, errors);
            return new RazorComponentResult<AccountPage>(page.Parameters) { StatusCode = StatusCodes.Status400BadRequest };
        }
        await SignInAs(http, user, stamp);
        return TypedResults.Redirect("/account?passwordChanged=1");
    }

    private static Task<RazorComponentResult<AccountPage>> Account(ClaimsPrincipal principal, Store store, string? passwordChanged) =>
        AccountViewAsync(principal.ToUser()!, store, null, notice: passwordChanged is null ? null : "Your password is changed; every other session of this account has ended.");

    private static async Task<RazorComponentResult<AccountPage>> CreateToken(IFormCollection form, ClaimsPrincipal principal, Store store, ApiTokens tokens)
    {
        var user = principal.ToUser()!;
        string token;
        await using (var connection = await store.OpenAsync()) token = await tokens.CreateAsync(connection, user.Id, form["label"].ToString());
        return await AccountViewAsync(user, store, token);
    }

    private static async Task<RedirectHttpResult> RevokeToken(long id, ClaimsPrincipal principal, Store store, ApiTokens tokens)
    {
        await using var connection = await store.OpenAsync();
        await tokens.RevokeAsync(connection, principal.ToUser()!.Id, id);
        return TypedResults.Redirect("/account");
    }

    private static async Task<RazorComponentResult<AccountPage>> AccountViewAsync(User user, Store store, string? newToken,
        IReadOnlyList<FieldError>? passwordErrors = null, string? notice = null)
    {
        await using var connection = await store.OpenAsync();
        return new RazorComponentResult<AccountPage>(new
        {
            User = user,
            Tokens = await ApiTokens.ListAsync(connection, user.Id),
            Proposals = await Proposals.ByAuthorAsync(connection, user.Id),
            NewToken = newToken,
            PasswordErrors = passwordErrors ?? [],
            Notice = notice,
        });
    }

    private static async Task<IResult> Contributions(long id, Store store)
    {
        await using var connection = await store.OpenForReadingAsync();
        var user = await Users.FindAsync(connection, id);
        if (user is null)
            return Shared.NotFoundPages.Show($"There is no contributor {id}.");
        return new RazorComponentResult<ContributionsPage>(new
        {
            Contributor = user,
            Revisions = await Revisions.ByUserAsync(connection, id, 200),
            Proposals = await Proposals.ByAuthorAsync(connection, id),
        });
    }

    private static Task SignInAs(HttpContext http, User user, string stamp) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            AccountPrincipal.Create(user, CookieAuthenticationDefaults.AuthenticationScheme, stamp),
            new AuthenticationProperties { IsPersistent = true });
}
