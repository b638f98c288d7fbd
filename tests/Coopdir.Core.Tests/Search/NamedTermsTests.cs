using Coopdir.Core.Search;

namespace Coopdir.Core.Tests.Search;

public sealed class NamedTermsTests
{
    private static IEnumerable<string> Named(string query) =>
        NamedTerms.In(TextQuery.Parse(query)!).Select(t => $"{t.Vocabulary}:{t.Code}").Order();

    [Theory]
    [InlineData("housing co-operative", "sector:housing type:housing")]
    [InlineData("houses", "sector:housing type:housing")]
    [InlineData("co-op", "kind:cooperative")]
    [InlineData("worker co-op bristol", "type:worker")]
    [InlineData("multi-stakeholder", "type:multi-stakeholder")]
    [InlineData("multi stakeholder cafe", "type:multi-stakeholder")]
    [InlineData("credit union glasgow", "type:financial")]
    [InlineData("federation of workers", "kind:network type:worker")]
    [InlineData("other", "")]
    [InlineData("bakery leeds", "")]
    public void A_query_names_the_kinds_types_and_sectors_whose_code_or_label_it_holds_compared_by_stem(string query, string terms) =>
        Assert.Equal(terms, string.Join(' ', Named(query)));
}
