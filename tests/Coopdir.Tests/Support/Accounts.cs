using System.Net.Http.Headers;
using Coopdir.Core.Accounts;
using Coopdir.Core.Claims;

namespace Coopdir.Tests.Support;

/// <summary>An account made for a test, with its password and an API client carrying its token.</summary>
public sealed record TestAccount(User User, string Password, string Token, HttpClient Api);

public static class Accounts
{
    public const string Password = "correct horse battery staple";

    /// <summary>Creates an account with the role through the product's own account code, and a token for it.</summary>
    public static async Task<TestAccount> AccountAsync(this TestSite site, string role, string? name = null)
    {
        await using var connection = await site.Store.OpenAsync();
        var email = $"{role}-{Guid.NewGuid():N}@example.org";
        var (user, errors) = await new Users(TimeProvider.System).CreateAsync(connection, email, name ?? $"A {role}", Password, role);
        Assert.Empty(errors);
        var token = await new ApiTokens(TimeProvider.System).CreateAsync(connection, user!.Id, "test");
        var api = new HttpClient { BaseAddress = site.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new TestAccount(user, Password, token, api);
    }

    /// <summary>
    /// A contributor whose claim on the organization is verified, as if its website had shown the token
    /// (ClaimsApiTests walks that path over real HTTP).
    /// </summary>
    public static async Task<TestAccount> ClaimerAsync(this TestSite site, long organizationId, string? name = null) =>
        await site.VerifiedClaimAsync(await site.AccountAsync(Roles.Contributor, name), organizationId);

    /// <summary>Makes the account a verified claimer of one more listing.</summary>
    public static async Task<TestAccount> VerifiedClaimAsync(this TestSite site, TestAccount account, long organizationId)
    {
        await using var connection = await site.Store.OpenAsync();
        var claims = new ListingClaims(TimeProvider.System);
        await claims.MarkVerifiedAsync(connection, (await claims.StartAsync(connection, organizationId, account.User.Id)).Id);
        return account;
    }
}
