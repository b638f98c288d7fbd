using System.Text.Encodings.Web;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Coopdir.Accounts;

/// <summary>"Authorization: Bearer TOKEN" with a personal API token (see <see cref="ApiTokens"/>).</summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Store store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        await using var connection = await store.OpenAsync();
        var user = await ApiTokens.FindUserAsync(connection, header["Bearer ".Length..].Trim());
        return user is null
            ? AuthenticateResult.Fail("The API token is not valid.")
            : AuthenticateResult.Success(new AuthenticationTicket(AccountPrincipal.Create(user, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
