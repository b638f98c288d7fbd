using Coopdir.Core.Accounts;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Accounts;

/// <summary>One person, one account: an address written another way, or with an invisible character, is not a second account.</summary>
public sealed class LookAlikeAccountsTests : SiteTest
{
    [Fact]
    public async Task The_same_address_in_NFD_or_another_case_is_taken_and_one_with_an_invisible_character_is_refused()
    {
        var users = new Users(TimeProvider.System);
        await using var connection = await Site.Store.OpenAsync();
        var (first, errors) = await users.CreateAsync(connection, "Jos\u00E9@Example.org", "José", Support.Accounts.Password, Roles.Contributor);
        Assert.Empty(errors);
        Assert.Equal("jos\u00E9@example.org", first!.Email);

        foreach (var lookAlike in new[] { "jose\u0301@example.org", " JOS\u00C9@example.org ", "jos\u00E9\u200B@example.org", "jos\u00E9@exa\u202Emple.org" })
        {
            var (second, refused) = await users.CreateAsync(connection, lookAlike, "Someone else", Support.Accounts.Password, Roles.Contributor);
            Assert.Null(second);
            Assert.Equal("email", Assert.Single(refused).Field);
        }
        Assert.Equal(first.Id, (await Users.FindByEmailAsync(connection, "jose\u0301@EXAMPLE.org"))!.Id);
    }
}
