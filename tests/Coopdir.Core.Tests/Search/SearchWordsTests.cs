using Coopdir.Core.Search;
using Coopdir.Core.Search.Postgres;
using Coopdir.Core.Search.Sqlite;

namespace Coopdir.Core.Tests.Search;

public sealed class SearchWordsTests
{
    [Theory]
    [InlineData("Leeds Co-op", "leeds coop")]
    [InlineData("Co-operative Bank", "coop bank")]
    [InlineData("Cooperativa Agrícola", "coop agricola")]
    [InlineData("Coopérative de Lyon", "coop de lyon")]
    [InlineData("Co-operatives UK", "coop uk")]
    [InlineData("Smith & Co Opticians", "smith co opticians")]
    [InlineData("Suma Ltd.", "suma limited")]
    public void Words_are_lower_case_without_diacritics_and_co_op_is_one_word(string text, string words) =>
        Assert.Equal(words, string.Join(' ', SearchWords.Of(text)));

    [Theory]
    [InlineData("bakeries", "bakeri")]
    [InlineData("bakery", "bakeri")]
    [InlineData("housing", "hous")]
    [InlineData("agrícola", "agrícola")]
    public void English_stems_join_forms_of_a_word(string word, string stem) => Assert.Equal(stem, SearchWords.Stem(word));

    [Fact]
    public void A_document_holds_each_word_once_plus_the_stems_that_differ_and_ranks_the_name_without_legal_forms()
    {
        var document = SearchDocument.For(new Coopdir.Core.Organizations.OrganizationContent
        {
            Name = "The Leeds Bakeries Co-operative Limited", Kind = "cooperative", Description = "Bakeries in Leeds",
        });

        Assert.Equal("the leeds bakeries coop limited in leed bakeri limit", document.Text);
        Assert.Equal("leed bakeri coop", document.Name);
        Assert.Equal(["leeds", "bakeries", "coop", "limited"], document.Terms);
    }

    [Fact]
    public void Co_op_and_legal_forms_are_required_only_when_nothing_else_was_asked()
    {
        Assert.Equal(["bakery"], TextQuery.Parse("bakery co-op ltd")!.Required.Select(w => w.Word));
        Assert.Equal(["coop", "limited"], TextQuery.Parse("co-op ltd")!.Required.Select(w => w.Word));
    }

    [Theory]
    [InlineData("bakery manch", "(\"bakeri\") AND (\"manch\" OR \"manch\"*)", "('bakeri') & ('manch' | 'manch':*)")]
    [InlineData("NEAR(bread*", "(\"near\") AND (\"bread\" OR \"bread\"*)", "('near') & ('bread' | 'bread':*)")]
    [InlineData("\"a\" OR {b}'", "(\"a\") AND (\"or\") AND (\"b\" OR \"b\"*)", "('a') & ('or') & ('b' | 'b':*)")]
    public void Query_syntax_in_the_input_becomes_plain_words_on_both_stores(string input, string fts5, string tsquery)
    {
        var query = TextQuery.Parse(input)!;
        Assert.Equal(fts5, Coopdir.Core.Search.Sqlite.SqliteTextIndex.Match(query));
        Assert.Equal(tsquery, Coopdir.Core.Search.Postgres.PostgresTextIndex.TsQuery(query));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"")]
    [InlineData("*** () {}")]
    public void Input_without_words_is_no_text_query(string input) => Assert.Null(TextQuery.Parse(input));

    [Fact]
    public void Very_long_queries_keep_only_the_first_words() =>
        Assert.Equal(TextQuery.MaxWords, TextQuery.Parse(string.Join(' ', Enumerable.Range(0, 50).Select(i => $"w{i}")))!.Words.Count);

    [Theory]
    [InlineData("bakery", "bakrey", 1)]
    [InlineData("bakery", "bakery", 0)]
    [InlineData("manchester", "manchstre", 2)]
    [InlineData("grocery", "grcery", 1)]
    [InlineData("housing", "hosuing", 1)]
    [InlineData("credit", "credti", 1)]
    [InlineData("credit", "cerdti", 2)]
    public void A_swap_of_neighbouring_letters_is_one_edit(string a, string b, int distance) =>
        Assert.Equal(distance, EditDistance.Between(a, b));

    [Fact]
    public async Task The_corrected_text_puts_each_words_best_correction_in_its_place()
    {
        var corrections = new Dictionary<string, string[]> { ["credti"] = ["credit", "creative"] };
        var query = await TextQuery.ParseAsync("Credti union, Leeds", (word, _) => Task.FromResult<IReadOnlyList<string>>(corrections.GetValueOrDefault(word) ?? []));

        Assert.Equal("credit union leeds", query!.Corrected);
        Assert.Equal("credit", query.Words[0].Stems[0]);
        Assert.Null((await TextQuery.ParseAsync("credit union", (_, _) => Task.FromResult<IReadOnlyList<string>>([])))!.Corrected);
    }
}
