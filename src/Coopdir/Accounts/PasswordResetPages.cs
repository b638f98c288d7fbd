using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Accounts;

/// <summary>
/// "Forgot your password?": a link by e-mail when the site sends mail (otherwise operators make one with
/// `coopdir users reset-password`), and the form the link opens. See <see cref="PasswordResets"/>.
/// </summary>
public static class PasswordResetPages
{
    private const int MaxEmailLength = 320;

    internal static RazorComponentResult<ForgotPasswordPage> Request(AccountMail mail) => new(new { CanSend = mail.CanSend });

    // Whether the address has an account or not, the answer is the same page, so it tells no one which addresses do.
    internal static async Task<IResult> Send(IFormCollection form, HttpContext http, Store store, PasswordResets resets, AccountMail mail)
    {
        if (!mail.CanSend)
            return new RazorComponentResult<ForgotPasswordPage>(new { CanSend = false }) { StatusCode = StatusCodes.Status503ServiceUnavailable };
        var email = form["email"].ToString().Trim();
        if (email.Length is 0 or > MaxEmailLength || !email.Contains('@'))
            return new RazorComponentResult<ForgotPasswordPage>(new
            {
                CanSend = true, Email = email.Length > MaxEmailLength ? null : email,
                Errors = new[] { new FieldError("email", $"must be an e-mail address of at most {MaxEmailLength} characters") },
            }) { StatusCode = StatusCodes.Status400BadRequest };
        await using (var connection = await store.OpenAsync())
        {
            if (await resets.CreateAsync(connection, email) is { } created)
                mail.Queue(created.User.Email, "Choose a new password", Message(LinkOf(http.Request, created.Token)));
        }
        return new RazorComponentResult<ForgotPasswordPage>(new { CanSend = true, SentTo = email });
    }

    internal static async Task<IResult> Form(string? token, HttpContext http, Store store, PasswordResets resets)
    {
        NoStore(http);
        await using var connection = await store.OpenAsync();
        return await resets.IsValidAsync(connection, token)
            ? new RazorComponentResult<ResetPasswordPage>(new { Token = token })
            : new RazorComponentResult<ResetPasswordPage>(new { Invalid = true }) { StatusCode = StatusCodes.Status400BadRequest };
    }

    internal static async Task<IResult> Reset(IFormCollection form, HttpContext http, Store store, PasswordResets resets)
    {
        NoStore(http);
        var token = form["token"].ToString();
        PasswordResetResult result;
        await using (var connection = await store.OpenAsync()) result = await resets.ResetAsync(connection, token, form["new_password"].ToString());
        if (result.Succeeded)
            return new RazorComponentResult<SignInPage>(new { Notice = "Your password is changed, and every session of the account has ended: sign in with the new password." });
        return result.Errors.Any(e => e.Field == "token")
            ? new RazorComponentResult<ResetPasswordPage>(new { Invalid = true }) { StatusCode = StatusCodes.Status400BadRequest }
            : new RazorComponentResult<ResetPasswordPage>(new { Token = token, Errors = result.Errors }) { StatusCode = StatusCodes.Status400BadRequest };
    }

    /// <summary>The link a person follows to choose a new password.</summary>
    public static string LinkOf(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/reset-password?token={Uri.EscapeDataString(token)}";

    private static string LinkOf(HttpRequest request, string token) => LinkOf(PublicUrl.Of(request), token);

    public static string Message(string link) => $"""
        Someone, probably you, asked to choose a new password for this address.

        Follow this link within {PasswordResets.Lifetime.TotalMinutes:0} minutes to choose it (it works once):
        {link}

        Choosing a new password signs you out everywhere. If you did not ask, ignore this message: your password stays as it is.
        """;

    // A page whose address carries a live token is not kept by the browser or a proxy.
    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";
}
