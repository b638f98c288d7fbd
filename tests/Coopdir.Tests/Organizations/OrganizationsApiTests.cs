using System.Net;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Organizations;

public sealed class OrganizationsApiTests : SiteTest
{
    [Fact]
    public async Task Get_returns_the_whole_record_with_its_revision_as_etag()
    {
        var network = (await Site.SeedAsync(An.Organization("Co-operatives UK", kind: "network")))[0];
        var id = (await Site.SeedAsync(An.Organization("Unicorn Grocery").OfTypes("worker").InSector("retail")
            .In("GB", "Manchester", 53.4459, -2.2779, "Greater Manchester", "M21 0BN", "89 Albany Road")
            .Described("A workers' co-operative grocery") with
            {
                AlternateNames = ["Unicorn Co-operative Ltd"],
                FoundedOn = "1996",
                Website = "https://www.unicorn-grocery.coop/",
                Email = "office@unicorn-grocery.coop",
                Counts = new MembershipCounts(Workers: 70, Year: 2023),
                Identifiers = [new Identifier("GB-MPR", "27393R")],
                Classifications = [new Classification(EssGlobal.MembershipType, "BMT30")],
                Relationships = [An.Relationship(RelationshipTypes.MemberOf, network, "2001", "member")],
            }))[0];

        using var response = await Site.Http.GetAsync($"/api/v1/organizations/{id}");
        var record = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(id, record.GetProperty("id").GetInt64());
        Assert.Equal("unicorn-grocery", record.GetProperty("slug").GetString());
        Assert.Equal("Unicorn Co-operative Ltd", record.GetProperty("alternate_names")[0].GetString());
        Assert.Equal("worker", record.GetProperty("types")[0].GetString());
        Assert.Equal("retail", record.GetProperty("sector").GetString());
        Assert.Equal("active", record.GetProperty("status").GetString());
        Assert.Equal(70, record.GetProperty("counts").GetProperty("workers").GetInt32());
        Assert.Equal("M21 0BN", record.GetProperty("locations")[0].GetProperty("postcode").GetString());
        Assert.Equal("27393R", record.GetProperty("identifiers")[0].GetProperty("value").GetString());
        var classification = record.GetProperty("classifications")[0];
        Assert.Equal("Workers", classification.GetProperty("label").GetString());
        Assert.Equal("https://dev.lod.coop/essglobal/2.1/standard/base-membership-type/BMT30", classification.GetProperty("uri").GetString());
        Assert.Equal("Co-operatives UK", record.GetProperty("member_of")[0].GetProperty("name").GetString());
        Assert.Equal(1, record.GetProperty("revision").GetInt32());

        var networkRecord = await Site.Http.GetJsonAsync($"/api/v1/organizations/{network}");
        Assert.Equal("Unicorn Grocery", networkRecord.GetProperty("members")[0].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("abc")]
    [InlineData("-1")]
    public async Task An_unknown_id_gets_404_problem_details(string id)
    {
        using var response = await Site.Http.GetAsync($"/api/v1/organizations/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(id, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_search_and_get()
    {
        var document = await Site.Http.GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/v1/organizations", out var search));
        Assert.True(paths.TryGetProperty("/api/v1/organizations/{id}", out _));
        var parameters = search.GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        foreach (var name in new[] { "q", "kind", "type", "sector", "country", "region", "locality", "near", "radius_km", "bbox", "sort", "page", "page_size" })
            Assert.Contains(name, parameters);
    }

    [Fact]
    public async Task Browsable_api_docs_are_served()
    {
        using var response = await Site.Http.GetAsync("/api/docs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync());
    }
}
