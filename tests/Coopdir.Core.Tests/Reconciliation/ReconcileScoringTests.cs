using Coopdir.Core.Reconciliation;

namespace Coopdir.Core.Tests.Reconciliation;

public sealed class ReconcileScoringTests
{
    [Theory]
    [InlineData("leeds bread", "leeds braed", true)]
    [InlineData("unicorn grocery", "unicorn grocerys", true)]
    [InlineData("channel islands copoerative", "channel islands", true)]
    [InlineData("phoenix housing 2", "phoenix housing 3", false)]
    [InlineData("sunrise bakery", "sunset bakery", false)]
    [InlineData("leeds bread", "leeds braed butter", false)]
    [InlineData("oak farm", "oat farm", false)]
    public void One_typo_in_a_long_word_is_forgiven_but_not_in_a_short_word_a_number_or_two_words(string a, string b, bool forgiven) =>
        Assert.Equal(forgiven, ReconcileScoring.OneTypoApart(ReconcileScoring.TypoWords(a), ReconcileScoring.TypoWords(b)));

    [Theory]
    [InlineData("51.5,-0.12", 51.5, -0.12)]
    [InlineData(" -33.9 , 151.2 ", -33.9, 151.2)]
    public void Coordinates_are_latitude_comma_longitude(string text, double latitude, double longitude) =>
        Assert.Equal(new Coopdir.Core.Search.GeoPoint(latitude, longitude), ReconcileScoring.Point(text));

    [Theory]
    [InlineData("north")]
    [InlineData("91,0")]
    [InlineData("51.5")]
    public void Anything_else_is_not_a_point(string text) => Assert.Null(ReconcileScoring.Point(text));
}
