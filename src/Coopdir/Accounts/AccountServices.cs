using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Coopdir.Accounts;

public static class AccountServices
{
    public const string SessionCookie = "coopdir_session";

    /// <summary>Session cookies for people, bearer tokens for programs, a key ring every app instance shares, and password reset mail.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        // Keys live in the store, so a cookie or form token issued by one instance is honoured by the others.
        services.AddDataProtection().SetApplicationName("Coopdir");
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<KeyManagementOptions>>(provider =>
            new Microsoft.Extensions.Options.ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlRepository = new StoreXmlRepository(provider.GetRequiredService<Store>())));

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = SessionCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/sign-in";
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
                o.Events.OnValidatePrincipal = Refresh;
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddSingleton<Users>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<KnownDevices>();
        services.AddSingleton<ApiTokens>();
        services.AddSingleton<PasswordResets>();
        services.AddOptions<MailOptions>().Bind(configuration.GetSection("Mail"))
            .Validate(MailOptions.IsValid, "Mail:SmtpPort must be 1 to 65535 and Mail:From an e-mail address")
            .ValidateOnStart();
        services.AddSingleton<AccountMail>();
        services.AddHostedService(provider => provider.GetRequiredService<AccountMail>());
        return services;
    }

    // A role change takes effect on the next request, not when the cookie expires; a cookie whose stamp is
    // no longer the account's (signed out, password changed, account disabled or removed) is refused.
    private static async Task Refresh(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.ToUser()?.Id;
        var stamp = context.Principal?.FindFirst(AccountPrincipal.StampClaim)?.Value;
        await using var connection = await context.HttpContext.RequestServices.GetRequiredService<Store>().OpenAsync();
        var session = id is null ? null : await Users.FindSessionAsync(connection, id.Value, stamp);
        if (session is not { } s)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
        else context.ReplacePrincipal(AccountPrincipal.Create(s.User, CookieAuthenticationDefaults.AuthenticationScheme, s.Stamp));
    }
}
