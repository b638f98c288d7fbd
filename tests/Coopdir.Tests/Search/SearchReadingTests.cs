using System.Net;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Search;

/// <summary>Bakeries and co-ops around Manchester, with a Bristol folk house that shares a stem with housing.</summary>
public static class ReadableSearches
{
    public static Task<List<long>> SeedAsync(TestSite site) => site.SeedAsync(
        An.Organization("Manchester Credit Union").OfTypes("financial").In("GB", "Manchester", 53.4800, -2.2400),
        An.Organization("Ancoats Housing Co-operative").OfTypes("housing").In("GB", "Manchester", 53.4850, -2.2250),
        An.Organization("Unicorn Grocery").OfTypes("worker").In("GB", "Manchester", 53.4420, -2.2760),
        An.Organization("Salford Community Bakery").OfTypes("worker").In("GB", "Salford", 53.4875, -2.2901),
        An.Organization("Stockport Printers").OfTypes("worker").In("GB", "Stockport", 53.4106, -2.1575),
        An.Organization("Bristol Folk House Co-operative").In("GB", "Bristol", 51.4560, -2.5970),
        An.Organization("Leeds Wholefoods").OfTypes("worker").In("GB", "Leeds", 53.8000, -1.5500));
}

/// <summary>
/// The search page reads words that name a type or a place as filters when that finds something,
/// says so, offers the words as typed, and when nothing matches says what would.
/// </summary>
public sealed class SearchReadingTests : SiteTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ReadableSearches.SeedAsync(Site);
    }

    [Fact]
    public async Task Worker_coop_Manchester_is_worker_co_ops_within_10_km_of_Manchester_shown_as_chips_with_the_words_as_typed_offered()
    {
        Assert.Equal("/search?type=worker&place=Manchester&radius_km=10&read=worker%20coop%20Manchester", await RedirectOf("/search?q=worker+coop+Manchester"));

        var page = await Site.Http.GetPageAsync("/search?q=worker+coop+Manchester");

        Assert.Equal("3 worker cooperatives within 10 km of Manchester", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["Salford Community Bakery", "Stockport Printers", "Unicorn Grocery"], page.Texts(".result h2").Order());
        Assert.Equal(["Remove Type: Worker×", "Remove Near: Manchester · 10 km×"], page.Texts(".filter-chips .chip"));
        var reading = page.QuerySelector(".search-reading")!;
        Assert.Contains("“worker coop Manchester”", reading.TextContent);
        var asTyped = reading.QuerySelector("a")!.GetAttribute("href")!;
        Assert.Equal("/search?q=worker%20coop%20Manchester&as_typed=true", asTyped);

        // As typed, the words are words: no redirect, no reading, whatever they find.
        Assert.Null(await RedirectOf(asTyped));
        Assert.Null((await Site.Http.GetPageAsync(asTyped)).QuerySelector(".search-reading"));
    }

    [Fact]
    public async Task Housing_co_operative_finds_housing_co_ops_not_a_folk_house()
    {
        var page = await Site.Http.GetPageAsync("/search?q=housing+co-operative");

        Assert.Equal(["Ancoats Housing Co-operative"], page.Texts(".result h2"));
        Assert.Equal(["Remove Type: Housing×"], page.Texts(".filter-chips .chip"));
    }

    [Fact]
    public async Task A_place_with_nothing_close_by_is_searched_further_out_and_the_radius_says_how_far()
    {
        // The bakery is 12 km from Stockport's centre.
        var page = await Site.Http.GetPageAsync("/search?q=bakery+Stockport");

        Assert.Equal("1 organization within 25 km of Stockport matching “bakery”", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["Salford Community Bakery"], page.Texts(".result h2"));
    }

    [Fact]
    public async Task The_words_as_typed_keep_the_rest_of_the_search_and_a_given_type_is_never_widened_by_a_read_one()
    {
        var page = await Site.Http.GetPageAsync("/search?q=worker+coop+Manchester&country=GB");
        Assert.Equal("/search?q=worker%20coop%20Manchester&country=GB&as_typed=true", page.QuerySelector(".search-reading a")!.GetAttribute("href"));

        // Worker is already the type: "housing" is not added to it as "worker or housing" (which would find
        // Ancoats); it stays a word.
        Assert.Null(await RedirectOf("/search?q=housing+co-op&type=worker"));
    }

    [Theory]
    [InlineData("/search?q=Manchester+Credit+Union")]   // a name typed whole is that organization
    [InlineData("/search?q=folk+house")]               // nothing in it names a term or a place
    [InlineData("/search?q=Leeds+bakery")]             // a place is read only at the end
    [InlineData("/api/v1/organizations?q=worker+coop+Manchester")] // the API searches words as given
    public async Task Some_words_are_searched_as_they_are(string url)
    {
        Assert.Null(await RedirectOf(url));
    }

    [Fact]
    public async Task A_search_that_finds_nothing_says_what_would_each_with_its_count()
    {
        var words = await Site.Http.GetPageAsync("/search?q=bakery+zebra");
        Assert.Equal(["Without “zebra”: “bakery” (1 found)"], words.Texts(".search-advice li"));
        Assert.Equal("/search?q=bakery&as_typed=true", words.QuerySelector(".search-advice a")!.GetAttribute("href"));

        var near = await Site.Http.GetPageAsync("/search?q=wholefoods&place=Manchester&radius_km=5");
        Assert.Equal(["The nearest, however far (1 found)"], near.Texts(".search-advice li"));
        var nearest = await Site.Http.GetPageAsync(near.QuerySelector(".search-advice a")!.GetAttribute("href")!);
        Assert.Equal(["Leeds Wholefoods"], nearest.Texts(".result h2"));
    }

    private async Task<string?> RedirectOf(string url)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Site.BaseAddress };
        using var response = await http.GetAsync(url);
        if (response.StatusCode == HttpStatusCode.OK) return null;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }
}
