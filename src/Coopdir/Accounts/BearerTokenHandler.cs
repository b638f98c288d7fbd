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

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        using var connection = store.Open();
        var user = ApiTokens.FindUser(connection, header["Bearer ".Length..].Trim());
        return Task.FromResult(user is null
            ? AuthenticateResult.Fail("The API token is not valid.")
            : AuthenticateResult.Success(new AuthenticationTicket(AccountPrincipal.Create(user, SchemeName), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
