using Coopdir.Core.Organizations;

namespace Coopdir.Core.Tests.Organizations;

public class CountriesTests
{
    [Theory]
    // Spellings the SUSY map (TransforMap SSEDAS) really has.
    [InlineData("Österreich", "AT")]
    [InlineData("ÖSterreich", "AT")]
    [InlineData("Deutschland", "DE")]
    [InlineData("UK", "GB")]
    [InlineData("uk", "GB")]
    [InlineData("England", "GB")]
    [InlineData("SCOTLAND", "GB")]
    [InlineData("United Kingdom", "GB")]
    [InlineData("Belgique", "BE")]
    [InlineData("Ελλάδα", "GR")]
    [InlineData("Latvija", "LV")]
    [InlineData("Slovenija", "SI")]
    [InlineData("România", "RO")]
    [InlineData("Czech Republic", "CZ")]
    [InlineData("Isle of Man", "IM")]
    [InlineData("FRANCE", "FR")]
    [InlineData("GR", "GR")]
    [InlineData("de", "DE")]
    // ESSGlobal's Spanish and French labels.
    [InlineData("Alemania", "DE")]
    [InlineData("Royaume-Uni", "GB")]
    public void A_country_name_in_a_common_spelling_or_language_gives_its_iso_code(string value, string code)
    {
        Assert.Equal(code, Countries.Normalize(value));
    }

    [Fact]
    public void A_valid_iso_code_stays_that_code_even_where_a_source_may_have_meant_another_country()
    {
        Assert.Equal("SR", Countries.Normalize("SR"));
    }

    [Theory]
    [InlineData("Frace")]
    [InlineData("Italu")]
    [InlineData("Cypres")]
    [InlineData("ABERDEEN")]
    [InlineData("ZZ")]
    public void Misspellings_cities_and_unknown_codes_are_not_guessed(string value)
    {
        Assert.Null(Countries.Normalize(value));
    }
}
