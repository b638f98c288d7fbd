using Coopdir.Core.Organizations;

namespace Coopdir.Core.Tests.Organizations;

public sealed class OrganizationValidatorTests
{
    private static readonly OrganizationContent Valid = new() { Name = "Suma", Kind = "cooperative" };

    private static IEnumerable<string> FieldsWrongIn(OrganizationContent content) =>
        OrganizationValidator.Validate(content).Select(e => e.Field);

    [Fact]
    public void A_minimal_organization_is_valid() => Assert.Empty(OrganizationValidator.Validate(Valid));

    [Fact]
    public void Each_broken_field_is_named()
    {
        var broken = Valid with
        {
            Name = " ",
            Kind = "spaceship",
            Types = ["worker", "feudal"],
            Sector = "piracy",
            Status = "zombie",
            FoundedOn = "31/12/1999",
            Website = "javascript:alert(1)",
            Email = "not an email",
            Locations = [new Location(Country: "XX", Latitude: 91, Longitude: 0), new Location(Latitude: 1)],
            Identifiers = [new Identifier("", "1")],
        };

        Assert.Equal(
            ["name", "kind", "types", "sector", "status", "founded_on", "website", "email",
             "locations[0].country", "locations[0].latitude", "locations[1].longitude", "identifiers[0].scheme"],
            FieldsWrongIn(broken));
    }

    [Theory]
    [InlineData("2020-02-29", true)]
    [InlineData("2021-02-29", false)]
    [InlineData("1844-12", true)]
    [InlineData("1844", true)]
    [InlineData("18440", false)]
    public void Dates_are_iso_calendar_dates_with_optional_precision(string date, bool valid) =>
        Assert.Equal(valid, OrganizationValidator.IsDate(date));

    [Fact]
    public void Dissolution_before_founding_is_refused() =>
        Assert.Equal(["dissolved_on"], FieldsWrongIn(Valid with { FoundedOn = "2000-01-01", DissolvedOn = "1999-12-31" }));
}
