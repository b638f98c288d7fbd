using Coopdir.Core.Search;

namespace Coopdir.Core.Tests.Search;

/// <summary>Reading a search's words as a person means them: the terms and the place they name, and the words left.</summary>
public sealed class QueryReaderTests
{
    private static readonly string[] Places = ["manchester", "leeds", "milton keynes"];

    private static Task<QueryReading> Read(string text, bool readPlace = true) =>
        QueryReader.ReadAsync(text, name => Task.FromResult(Places.Contains(name)), readPlace);

    [Fact]
    public async Task A_type_with_its_co_op_and_a_place_at_the_end_leave_no_words()
    {
        var reading = await Read("Worker co-ops Manchester");

        var term = Assert.Single(reading.Terms);
        Assert.Equal(("type", "worker", "worker coop"), (term.Vocabulary, term.Code, term.Words));
        Assert.Equal("manchester", reading.Place);
        Assert.Null(reading.Text);
    }

    [Fact]
    public async Task Words_that_name_nothing_stay_words_and_in_before_a_place_is_read_with_it()
    {
        var reading = await Read("bakery in Milton Keynes");

        Assert.Empty(reading.Terms);
        Assert.Equal("milton keynes", reading.Place);
        Assert.Equal("bakery", reading.Text);
    }

    [Theory]
    [InlineData("housing co-operative", "type", "housing")]
    [InlineData("credit unions", "type", "financial")]
    [InlineData("financial services", "sector", "financial-services")]
    [InlineData("dairies", "sector", "dairy")]
    [InlineData("civic tech groups", "kind", "civic-tech")]
    [InlineData("multi-stakeholder", "type", "multi-stakeholder")]
    public async Task A_label_a_part_of_one_or_a_code_names_its_term_plurals_included(string text, string vocabulary, string code)
    {
        var term = Assert.Single((await Read(text)).Terms);
        Assert.Equal((vocabulary, code), (term.Vocabulary, term.Code));
    }

    [Theory]
    [InlineData("Folk House")]             // house is not housing: a shared stem is not a term
    [InlineData("Leeds Community Bakery")] // community is in too many names to be the community sector
    [InlineData("other")]
    public async Task A_stem_or_a_word_too_common_in_names_is_not_a_term(string text)
    {
        var reading = await Read(text);
        Assert.Empty(reading.Terms);
        Assert.Null(reading.Place);
    }

    [Fact]
    public async Task Co_ops_alone_with_a_place_are_co_operatives_there()
    {
        var reading = await Read("co-ops near Leeds");

        Assert.Equal(("kind", "cooperative"), (reading.Terms[0].Vocabulary, reading.Terms[0].Code));
        Assert.Equal("leeds", reading.Place);
        Assert.Null(reading.Text);
    }

    [Fact]
    public async Task A_place_is_certain_with_a_capital_or_after_in_and_never_read_after_for()
    {
        Assert.True((await Read("bakery Manchester")).PlaceIsCertain);
        Assert.True((await Read("bakery in manchester")).PlaceIsCertain);
        Assert.False((await Read("bakery manchester")).PlaceIsCertain);
        var forLeeds = await Read("bread for leeds");
        Assert.Null(forLeeds.Place);
        Assert.Equal("bread for leeds", forLeeds.Text);
    }

    [Fact]
    public async Task A_vocabulary_the_search_already_filters_by_is_not_read_so_its_words_stay_words()
    {
        var reading = await QueryReader.ReadAsync("worker housing dairy", _ => Task.FromResult(false), readPlace: true, filtered: ["type"]);
        Assert.Equal(("sector", "dairy"), (reading.Terms.Single().Vocabulary, reading.Terms.Single().Code));
        Assert.Equal("worker housing", reading.Text);
    }

    [Fact]
    public async Task A_place_is_read_only_at_the_end_and_not_when_the_search_already_says_where()
    {
        Assert.Null((await Read("Leeds bakery")).Place);
        var placed = await Read("bakery Leeds", readPlace: false);
        Assert.Null(placed.Place);
        Assert.Equal("bakery leeds", placed.Text);
    }
}
