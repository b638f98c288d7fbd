using Coopdir.Core.Search;

namespace Coopdir.Core.Tests.Search;

public sealed class GeoBoxTests
{
    [Fact]
    public void A_circle_away_from_the_antimeridian_is_one_box()
    {
        var box = GeoBox.AroundCircle(new GeoPoint(53.48, -2.24), 10);

        Assert.InRange(box.MinLat, 53.38, 53.40);
        Assert.InRange(box.MaxLat, 53.56, 53.58);
        var range = Assert.Single(box.LonRanges);
        Assert.True(range.Min < -2.24 - 0.14 && range.Max > -2.24 + 0.14);
    }

    [Fact]
    public void A_circle_over_the_antimeridian_splits_into_two_longitude_ranges()
    {
        var box = GeoBox.AroundCircle(new GeoPoint(-16, 179.9), 500);

        Assert.Equal(2, box.LonRanges.Count);
        Assert.Contains(box.LonRanges, r => r.Max == 180);
        Assert.Contains(box.LonRanges, r => r.Min == -180 && r.Max > -176);
    }

    [Fact]
    public void A_circle_over_a_pole_covers_every_longitude()
    {
        var box = GeoBox.AroundCircle(new GeoPoint(89.5, 10), 200);

        Assert.Equal((-180.0, 180.0), Assert.Single(box.LonRanges));
        Assert.Equal(90, box.MaxLat);
    }

    [Fact]
    public void A_bounding_box_with_min_longitude_above_max_wraps()
    {
        var box = GeoBox.Of(new BoundingBox(170, -20, -170, -10));

        Assert.Equal([(170.0, 180.0), (-180.0, -170.0)], box.LonRanges);
    }
}
