using Coopdir.Core.Search;
using Coopdir.Search;

namespace Coopdir.Tests.Search;

public sealed class SearchRequestTests
{
    [Fact]
    public void Defaults_are_page_one_of_twenty_sorted_by_name()
    {
        var (query, errors) = new SearchRequest().Parse();

        Assert.Empty(errors);
        Assert.Equal((1, 20, SearchSort.Name), (query!.Page, query.PageSize, query.Sort));
    }

    [Fact]
    public void Text_sorts_by_relevance_and_near_by_distance_unless_asked_otherwise()
    {
        Assert.Equal(SearchSort.Relevance, new SearchRequest { Q = "bread" }.Parse().Query!.Sort);
        Assert.Equal(SearchSort.Distance, new SearchRequest { Near = "1,2" }.Parse().Query!.Sort);
        Assert.Equal(SearchSort.Name, new SearchRequest { Q = "bread", Sort = "name" }.Parse().Query!.Sort);
    }

    [Fact]
    public void Vocabulary_values_are_matched_case_insensitively_and_comma_lists_are_split()
    {
        var query = new SearchRequest { Type = ["Worker,HOUSING"], Country = ["gb", "United Kingdom"] }.Parse().Query!;

        Assert.Equal(["worker", "housing"], query.Types);
        Assert.Equal(["GB", "GB"], query.Countries);
    }

    [Fact]
    public void Every_bad_parameter_is_reported_at_once()
    {
        var (query, errors) = new SearchRequest { Kind = ["x"], PageSize = "500", Bbox = "1,2" }.Parse();

        Assert.Null(query);
        Assert.Equal(["bbox", "kind", "page_size"], errors.Select(e => e.Field).Order());
    }
}
