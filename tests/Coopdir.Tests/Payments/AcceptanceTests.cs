using System.Net;
using Coopdir.Tests.Currencies;
using Coopdir.Tests.Support;
using static Coopdir.Tests.Payments.MoneyWorld;

namespace Coopdir.Tests.Payments;

/// <summary>Where to spend it from the accounts: a business holding an account shows as accepting the currency once the operator confirms.</summary>
public sealed class AcceptanceTests : SiteTest
{
    [Fact]
    public async Task The_operator_confirms_a_shop_with_an_account_accepts_the_currency_and_withdraws_it_from_its_page()
    {
        var world = await SeedAsync(Site);
        var code = await world.RunAsync("mutual_credit", creditLimit: "10");
        var shop = await OpenAsync(world.ShopOwner, code, world.Shop);
        var rita = await OpenAsync(world.Resident, code);
        var acceptedBy = $"/api/v1/currencies/{world.CurrencyRecord}/accepted-by";
        Assert.Empty(Currency.Ids(await Site.Http.GetJsonAsync(acceptedBy)));

        using (var byShop = await world.ShopOwner.Api.PutAsync($"/api/v1/money/currencies/{code}/acceptance/{shop}", null))
            Assert.Equal(HttpStatusCode.Forbidden, byShop.StatusCode);
        using (var person = await world.Treasurer.Api.PutAsync($"/api/v1/money/currencies/{code}/acceptance/{rita}", null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, person.StatusCode);
            Assert.Contains("not an organization's member account", (await JsonOf(person)).GetProperty("errors").GetProperty("account")[0].GetString());
        }
        using (var confirmed = await world.Treasurer.Api.PutAsync($"/api/v1/money/currencies/{code}/acceptance/{shop}", null))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            var row = await JsonOf(confirmed);
            Assert.Equal((true, "confirmed"), (row.GetProperty("accepts").GetBoolean(), row.GetProperty("status").GetString()));
        }
        Assert.Equal([world.Shop], Currency.Ids(await Site.Http.GetJsonAsync(acceptedBy)));
        // Written through the organizations' write path: a revision of the shop's record, in its history.
        var history = await Site.Http.GetJsonAsync($"/api/v1/organizations/{world.Shop}/revisions");
        Assert.Contains("accepts RIV", history.ToString());

        var operatorSession = await Session.SignedIn(Site, world.Treasurer);
        var page = await operatorSession.Http.GetStringAsync($"/money/{code}");
        Assert.Contains("Withdraw RIV", page);
        using (var withdrawn = await operatorSession.PostFormAsync($"/money/{code}/acceptance/{shop}", new() { ["accepts"] = "false" }, $"/money/{code}"))
            Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Empty(Currency.Ids(await Site.Http.GetJsonAsync(acceptedBy)));
        Assert.Contains("Confirm it accepts RIV", await operatorSession.Http.GetStringAsync($"/money/{code}"));
        Assert.DoesNotContain("Confirm it accepts", await (await Session.SignedIn(Site, world.ShopOwner)).Http.GetStringAsync($"/money/{code}"));

        using var again = await world.Treasurer.Api.PutAsync($"/api/v1/money/currencies/{code}/acceptance/{shop}", null);
        Assert.True((await JsonOf(again)).GetProperty("accepts").GetBoolean());
        Assert.Equal([world.Shop], Currency.Ids(await Site.Http.GetJsonAsync(acceptedBy)));
    }
}
