using Coopdir.Core.Imports;

namespace Coopdir.Core.Tests.Imports;

public class GithubPlaceNamesTests
{
    [Theory]
    [InlineData("CityOfBoston", "Boston")]
    [InlineData("city-of-bellingham", "Bellingham")]
    [InlineData("CityofSanFrancisco", "San Francisco")]
    [InlineData("cityofboise", "Boise")]
    [InlineData("TownOfBrookline", "Brookline")]
    [InlineData("BristolCityCouncil", "Bristol")]
    [InlineData("LambethCouncil", "Lambeth")]
    [InlineData("DevonCountyCouncil", "Devon")]
    [InlineData("lichfield-district-council", "Lichfield")]
    [InlineData("west-berkshire-council", "West Berkshire")]
    [InlineData("essexcountycouncil", "Essex")]
    [InlineData("NewYorkCityCouncil", "New York")]
    [InlineData("LondonBoroughSutton", "Sutton")]
    [InlineData("RoyalBoroughKingston", "Kingston")]
    [InlineData("ArlingtonCounty", "Arlington County")]
    [InlineData("bouldercounty", "Boulder County")]
    public void A_login_of_a_known_pattern_names_its_place(string login, string place) =>
        Assert.Equal(place, GithubPlaceNames.FromLogin(login));

    [Theory]
    [InlineData("chicago")]
    [InlineData("DCgov")]
    [InlineData("kcmo")]
    [InlineData("PierceCountyWA")]
    [InlineData("brighton-hove-gov-uk")]
    [InlineData("Council")]
    [InlineData("CityOf")]
    public void A_login_of_no_pattern_names_no_place(string login) => Assert.Null(GithubPlaceNames.FromLogin(login));

    [Fact]
    public void A_login_in_one_case_has_no_word_breaks_so_what_the_pattern_leaves_is_one_word() =>
        Assert.Equal("Westsacramento", GithubPlaceNames.FromLogin("cityofwestsacramento"));
}
