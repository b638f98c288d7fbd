using Coopdir.Core.Organizations;

namespace Coopdir.Core.Tests.Organizations;

public sealed class TextKeyTests
{
    [Theory]
    [InlineData("Cooperativa Agrícola, Ltd.", "cooperativa agricola ltd")]
    [InlineData("  Maesteg Workmen's   Club ", "maesteg workmens club")]
    [InlineData("Coopérative d'Habitation", "cooperative dhabitation")]
    [InlineData("合作社 ☕", "合作社")]
    public void Keys_ignore_case_diacritics_and_punctuation(string text, string key) =>
        Assert.Equal(key, TextKey.Of(text));

    [Fact]
    public void Slugs_are_url_safe_and_never_empty()
    {
        Assert.Equal("unicorn-grocery-limited", TextKey.Slug("Unicorn Grocery Limited"));
        Assert.Equal("organization", TextKey.Slug("☕☕"));
    }
}
