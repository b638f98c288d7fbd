using Coopdir.Core.Organizations;

namespace Coopdir.Core.Tests.Organizations;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData("Sunrise Bakery")]
    [InlineData("Line one\nline two\tand a tab\r\n")]
    [InlineData("合作社 🌱 Кооператив")]
    public void Text_both_stores_keep_alike_passes(string text) => Assert.Null(PlainText.Problem(text));

    [Theory]
    [InlineData("Sunrise\0Bakery", "contains U+0000 (a control character) at character 8")]
    [InlineData("Bell\u0007", "contains U+0007 (a control character) at character 5")]
    [InlineData("\u007F", "contains U+007F (a control character) at character 1")]
    public void Control_characters_and_broken_surrogates_are_named_with_their_position(string text, string problem) =>
        Assert.Equal(problem, PlainText.Problem(text));

    [Fact]
    public void Half_a_surrogate_pair_is_named_with_its_position() =>
        // Built in code: a test case's data would carry the lone surrogate as U+FFFD.
        Assert.Equal("contains half of a surrogate pair (U+D83C) at character 6", PlainText.Problem("half " + (char)0xD83C + " pair"));

    [Fact]
    public void The_validator_names_each_field_holding_such_text()
    {
        var content = new OrganizationContent
        {
            Name = "Nul\0Co-op", Kind = "cooperative", Status = OrganizationStatus.Active,
            Locations = [new Location("1 High St\0", "Leeds", null, null, "GB", null, null)],
        };

        var fields = OrganizationValidator.Validate(content).Select(e => e.Field).ToList();

        Assert.Equal(["name", "locations[0].street"], fields);
    }
}
