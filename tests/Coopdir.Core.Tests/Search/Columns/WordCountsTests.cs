using Coopdir.Core.Search.Columns;

namespace Coopdir.Core.Tests.Search.Columns;

public sealed class WordCountsTests
{
    [Fact]
    public void A_word_counts_each_organization_holding_it_in_name_or_place_once_and_follows_changes()
    {
        var columns = new SearchColumns();
        columns.SetOrganization(1, "cooperative", null, 0, "leed credit union", "leed credit union leed");
        columns.SetOrganization(2, "cooperative", null, 0, "credit credit", "credit credit");
        columns.SetOrganization(3, "cooperative", null, 0, "radic hous", "radic hous credit");

        Assert.Equal(3, columns.WordCounts.Holding(columns, "credit"));
        Assert.Equal(1, columns.WordCounts.Holding(columns, "leed"));
        Assert.Equal(0, columns.WordCounts.Holding(columns, "bakeri"));

        columns.SetOrganization(3, "cooperative", null, 0, "radic hous", "radic hous");
        columns.Remove(2);

        Assert.Equal(1, columns.WordCounts.Holding(columns, "credit"));
        Assert.Equal(1, columns.WordCounts.Holding(columns, "hous"));
    }
}
