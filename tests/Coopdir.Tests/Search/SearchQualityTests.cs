using Coopdir.Tests.Support;

namespace Coopdir.Tests.Search;

public sealed class SearchQualityTests : SiteTest
{
    private async Task<IReadOnlyList<string>> Search(string q) =>
        (await Site.Http.GetJsonAsync($"/api/v1/organizations?q={Uri.EscapeDataString(q)}")).Names();

    [Theory]
    [InlineData("co-op")]
    [InlineData("coop")]
    [InlineData("cooperative")]
    [InlineData("Co-Operative")]
    [InlineData("cooperativa")]
    [InlineData("coopérative")]
    public async Task Every_spelling_of_co_op_finds_every_other(string spelling)
    {
        await Site.SeedAsync(
            An.Organization("Leeds Bread Co-op"),
            An.Organization("Radical Cooperative"),
            An.Organization("Cooperativa Agrícola San José"),
            An.Organization("Lyon Coopérative"),
            An.Organization("Oakland Coop Cafe"),
            An.Organization("Copper Works"));

        Assert.Equal(5, (await Search(spelling)).Count);
    }

    [Fact]
    public async Task Co_op_words_and_legal_forms_do_not_decide_what_matches_or_how_it_ranks()
    {
        await Site.SeedAsync(
            An.Organization("Suma Wholefoods Trading Limited"),
            An.Organization("Suma Wholefoods Ltd"),
            An.Organization("Bristol Wholefoods") with { AlternateNames = ["Bristol Wholefoods Co-operative"] });

        Assert.Equal("Suma Wholefoods Ltd", (await Search("suma wholefoods limited"))[0]);
        Assert.Equal("Suma Wholefoods Ltd", (await Search("Suma Wholefoods"))[0]);
        Assert.Equal(["Bristol Wholefoods"], await Search("bristol wholefoods co-op"));
        Assert.Equal(["Suma Wholefoods Ltd", "Suma Wholefoods Trading Limited"], (await Search("limited")).Order().ToList());
    }

    [Fact]
    public async Task English_stems_match_other_forms_of_a_word()
    {
        await Site.SeedAsync(
            An.Organization("Leeds Community Bakery"),
            An.Organization("Radical Housing"),
            An.Organization("Quiet Books").Described("Bakeries and bookshops owned by their workers"));

        Assert.Equal(["Leeds Community Bakery", "Quiet Books"], await Search("bakeries"));
        Assert.Equal(["Radical Housing"], await Search("houses"));
        Assert.Equal(["Quiet Books"], await Search("worker owned bookshop"));
    }

    [Fact]
    public async Task Organizations_of_a_named_type_rank_before_names_that_merely_share_its_stem_but_an_exact_name_comes_first()
    {
        await Site.SeedAsync(
            An.Organization("Folk House Co-operative"),
            An.Organization("House Systems", kind: "other").InSector("professional").Described("Computer systems for co-operatives"),
            An.Organization("Ash Tree Housing Co-operative").OfTypes("housing"),
            An.Organization("Phoenix Co-operative").OfTypes("housing").Described("Homes for twelve members, with a housing waiting list and folk nights"));

        var housing = await Search("housing co-operative");

        Assert.Equal(["Ash Tree Housing Co-operative", "Phoenix Co-operative"], housing.Take(2));
        Assert.Equal(["Folk House Co-operative", "House Systems"], housing.Skip(2).Order());
        Assert.Equal(["Folk House Co-operative", "Phoenix Co-operative"], await Search("folk house co-operative"));
    }

    [Theory]
    [InlineData("unicron grocery")]
    [InlineData("unicorn grocey")]
    [InlineData("unicorn grocrey")]
    [InlineData("unicorn gorcery")]
    public async Task One_typo_in_a_word_of_five_letters_or_more_still_finds_it(string q)
    {
        await Site.SeedAsync(An.Organization("Unicorn Grocery"), An.Organization("Unicorn Bakery"));

        Assert.Equal("Unicorn Grocery", (await Search(q))[0]);
    }

    [Fact]
    public async Task Two_typos_are_forgiven_only_in_words_of_nine_letters_or_more_and_a_swap_is_one()
    {
        await Site.SeedAsync(An.Organization("Manchester Makers").In("GB", "Manchester"), An.Organization("Bread Bakers"));

        Assert.Equal(["Manchester Makers"], await Search("manchstre"));
        Assert.Equal(["Manchester Makers"], await Search("manchestre makers"));
        Assert.Empty(await Search("mnchestr"));
        Assert.Equal(["Bread Bakers"], await Search("bkaers"));
        Assert.Empty(await Search("bkares"));
        Assert.Empty(await Search("brd"));
    }

    [Fact]
    public async Task Ranking_is_exact_name_then_prefix_then_all_name_words_then_place_then_description()
    {
        await Site.SeedAsync(
            An.Organization("Riverside Bakers").Described("Bread for Leeds"),
            An.Organization("Leeds Bread Club"),
            An.Organization("Bakery Without Name").In("GB", "Leeds").Described("Leeds bread"),
            An.Organization("Leeds Bread"),
            An.Organization("Bread of Leeds"),
            An.Organization("Northern Bread").In("GB", "Leeds"));

        Assert.Equal(
            ["Leeds Bread", "Leeds Bread Club", "Bread of Leeds", "Northern Bread", "Bakery Without Name", "Riverside Bakers"],
            await Search("leeds bread"));
    }

    [Fact]
    public async Task Among_equal_matches_fuller_records_come_first_then_name_and_id_break_ties()
    {
        var ids = await Site.SeedAsync(
            An.Organization("Green Shoots"),
            An.Organization("Green Shoots"),
            An.Organization("Green Shoots").Described("A garden co-op").In("GB", "York", 53.96, -1.08) with { Website = "https://example.org" });

        var items = (await Site.Http.GetJsonAsync("/api/v1/organizations?q=green%20shoots")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetInt64()).ToList();

        Assert.Equal([ids[2], ids[0], ids[1]], items);
    }
}
