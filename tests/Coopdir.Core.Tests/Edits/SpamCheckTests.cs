using System.Text.Json.Nodes;
using Coopdir.Core.Edits;

namespace Coopdir.Core.Tests.Edits;

public sealed class SpamCheckTests
{
    [Fact]
    public void A_website_and_a_link_in_the_description_are_not_spam() =>
        Assert.Null(SpamCheck.Reason(JsonNode.Parse("""{"website":"https://suma.coop","description":"See https://suma.coop/about"}"""), "links"));

    [Fact]
    public void More_than_three_links_anywhere_in_the_patch_or_summary_are_spam() =>
        Assert.Equal("it contains 4 links (more than 3)",
            SpamCheck.Reason(JsonNode.Parse("""{"locations":[{"street":"www.a.example"}],"description":"http://b.example https://c.example"}"""), "see www.d.example"));

    [Theory]
    [InlineData("Best CASINO in town")]
    [InlineData("cheap payday loans")]
    public void Known_spam_phrases_are_spam(string text) =>
        Assert.NotNull(SpamCheck.Reason(new JsonObject { ["description"] = text }, "update"));
}
