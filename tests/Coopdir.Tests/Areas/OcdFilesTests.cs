using Coopdir.Core.Areas;

namespace Coopdir.Tests.Areas;

/// <summary>The vendored Open Civic Data lists read into areas: every division, its parent and level, and OCD's sameAs as aliases.</summary>
public sealed class OcdFilesTests
{
    private static readonly AreaList Read = TestAreas.Ocd();

    [Fact]
    public void Every_division_of_the_lists_is_an_area_or_an_alias_of_one()
    {
        Assert.Empty(Read.Errors);
        // 39,242 census places + 17,423 local government districts + 52 states and the country + territories,
        // GB 875, DE 1,243, FR 1,277, ES 81 rows; a row the same as another row is an alias, not an area.
        Assert.Equal(58_642, Read.Areas.Count);
        Assert.Equal(1_656, Read.Aliases.Count);
        Assert.Equal(Read.Areas.Count, Read.Areas.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public void Each_area_sits_under_its_nearest_listed_ancestor_at_its_level()
    {
        var byId = Read.Areas.ToDictionary(a => a.Id);
        var oakland = byId[TestAreas.Oakland];
        Assert.Equal(("Oakland city", AreaLevel.City, TestAreas.California), (oakland.Name, oakland.Level, oakland.ParentId));
        Assert.Equal(("California", AreaLevel.Region, "ocd-division/country:us"), (byId[TestAreas.California].Name, byId[TestAreas.California].Level, byId[TestAreas.California].ParentId));
        var township = byId["ocd-division/country:us/state:il/county:adams/place:beverly"];
        Assert.Equal(("ocd-division/country:us/state:il/county:adams", AreaLevel.City), (township.ParentId, township.Level));
        Assert.Equal(AreaLevel.County, byId[township.ParentId!].Level);
        Assert.Equal(AreaLevel.District, byId["ocd-division/country:us/state:ca/board_of_equalization:1"].Level);
        Assert.Equal(("Berlin", AreaLevel.Region), (byId["ocd-division/country:de/state:be"].Name, byId["ocd-division/country:de/state:be"].Level));
        Assert.Contains(Read.Aliases, a => a == new AreaAlias("ocd-division/country:de/land:be", "ocd-division/country:de/state:be", "Added for backwards compatibility with land identifiers"));
        Assert.Equal("2024-07-03", byId["ocd-division/country:gb/part:eng/region:uke/ed:leeds_central"].ValidThrough);
    }

    [Fact]
    public void A_city_borough_known_by_two_ids_is_one_area_with_an_alias()
    {
        var anchorage = Assert.Single(Read.Aliases, a => a.AliasId == "ocd-division/country:us/state:ak/place:anchorage");
        Assert.Equal("ocd-division/country:us/state:ak/borough:anchorage", anchorage.AreaId);
        Assert.DoesNotContain(Read.Areas, a => a.Id == anchorage.AliasId);
    }

    [Fact]
    public void A_row_that_is_not_a_division_id_is_reported_by_file_and_line()
    {
        var list = OcdFiles.Read([("bad.csv", () => new StringReader("id,name\nocd-division/country:zz,Zedland\nnot-an-id,Nowhere\nocd-division/country:zz/state:a,\n"))]);
        Assert.Equal(["bad.csv: line 3: id: \"not-an-id\" is not an OCD division id (ocd-division/country:xx/type:name…)",
            "bad.csv: line 4: an id and a name are required"], list.Errors);
        Assert.Equal("Zedland", Assert.Single(list.Areas).Name);
    }
}
