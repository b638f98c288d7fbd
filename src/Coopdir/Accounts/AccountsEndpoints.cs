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

/// <summary>Sign-up, sign-in and sign-out, the account page with API tokens, and each person's public contributions.</summary>
public static class AccountsEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription().RequireAntiforgery();
        pages.MapGet("/sign-up", () => new RazorComponentResult<SignUpPage>());
        pages.MapPost("/sign-up", SignUp).RequireRateLimiting(RateLimits.SignUp);
        pages.MapGet("/sign-in", (string? returnUrl) => new RazorComponentResult<SignInPage>(new { ReturnUrl = returnUrl }));
        pages.MapPost("/sign-in", SignIn).RequireRateLimiting(RateLimits.SignIn);
        pages.MapGet("/users/{id:long}", Contributions);

        var account = pages.MapGroup("").RequireAuthorization(Access.Web(Roles.Contributor));
        account.MapPost("/sign-out", SignOut);
        account.MapGet("/account", Account);
        var tokens = account.MapGroup("/account").RequireRateLimiting(RateLimits.Writes);
        tokens.MapPost("/tokens", CreateToken);
        tokens.MapPost("/tokens/{id:long}/revoke", RevokeToken);
    }

    private static async Task<IResult> SignUp(IFormCollection fields, HttpContext http, Store store, Users users)
    {
        var form = new SignUpForm(fields["name"], fields["email"], fields["password"]);
        await using var connection = await store.OpenAsync();
        var (user, errors) = await users.CreateAsync(connection, form.Email ?? "", form.Name ?? "", form.Password ?? "", Roles.Contributor);
        if (user is null)
            return new RazorComponentResult<SignUpPage>(new { Errors = errors, Name = form.Name, Email = form.Email }) { StatusCode = StatusCodes.Status400BadRequest };
        await SignInAs(http, user);
        return TypedResults.Redirect("/account");
    }

    private static async Task<IResult> SignIn(IFormCollection fields, HttpContext http, Store store, Users users)
    {
        var form = new SignInForm(fields["email"], fields["password"], fields["returnUrl"]);
        await using var connection = await store.OpenAsync();
        var result = await users.SignInAsync(connection, form.Email ?? "", form.Password ?? "");
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn:
                await SignInAs(http, result.User!);
                return TypedResults.Redirect(LocalUrl.Or(form.ReturnUrl, "/account"));
            case SignInOutcome.LockedOut:
                return new RazorComponentResult<SignInPage>(new
                {
                    Email = form.Email, ReturnUrl = form.ReturnUrl,
                    Error = $"Too many failed sign-ins: this account is locked until {result.LockedUntil:yyyy-MM-dd HH:mm} UTC.",
                }) { StatusCode = StatusCodes.Status423Locked };
            default:
                return new RazorComponentResult<SignInPage>(new { Email = form.Email, ReturnUrl = form.ReturnUrl, Error = "The email or the password is wrong." })
                {
                    StatusCode = StatusCodes.Status401Unauthorized,
                };
        }
    }

    private static async Task<RedirectHttpResult> SignOut(HttpContext http, ClaimsPrincipal principal)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/");
    }

    private static Task<RazorComponentResult<AccountPage>> Account(ClaimsPrincipal principal, Store store) => AccountViewAsync(principal.ToUser()!, store, null);

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

    private static async Task<RazorComponentResult<AccountPage>> AccountViewAsync(User user, Store store, string? newToken)
    {
        await using var connection = await store.OpenAsync();
        return new RazorComponentResult<AccountPage>(new
        {
            User = user,
            Tokens = await ApiTokens.ListAsync(connection, user.Id),
            Proposals = await Proposals.ByAuthorAsync(connection, user.Id),
            NewToken = newToken,
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

    private static Task SignInAs(HttpContext http, User user) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            AccountPrincipal.Create(user, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = true });
}
