using Coopdir.Core.Search;

namespace Coopdir.Core.Tests.Search;

public sealed class FtsQueryTests
{
    [Fact]
    public void Every_word_is_quoted_and_the_last_one_is_a_prefix() =>
        Assert.Equal("\"bakery\" \"manch\"*", FtsQuery.Build("bakery manch"));

    [Theory]
    [InlineData("NEAR(bread", "\"NEAR\" \"bread\"*")]
    [InlineData("\"unterminated", "\"unterminated\"*")]
    [InlineData("a* OR {b}", "\"a\" \"OR\" \"b\"*")]
    [InlineData("co-operative", "\"co\" \"operative\"*")]
    [InlineData("Agrícola 合作社", "\"Agrícola\" \"合作社\"*")]
    public void Fts_syntax_becomes_plain_words(string input, string expected) =>
        Assert.Equal(expected, FtsQuery.Build(input));

    [Theory]
    [InlineData("")]
    [InlineData("\"")]
    [InlineData("*** () {}")]
    public void Input_without_words_gives_no_match_expression(string input) =>
        Assert.Null(FtsQuery.Build(input));

    [Fact]
    public void Very_long_queries_keep_only_the_first_words() =>
        Assert.Equal(FtsQuery.MaxWords, FtsQuery.Words(string.Join(' ', Enumerable.Range(0, 50).Select(i => $"w{i}"))).Count);
}
