using System.Text;
using Coopdir.Core.Imports;
using Coopdir.Tests.Support;
using Dapper;

namespace Coopdir.Tests.Sources;

/// <summary>A person's correction against the sources that keep coming back with the old value.</summary>
public sealed class PersonEditsAndSourcesTests : SiteTest
{
    // In both Co-operatives UK files; each file calls it something else.
    private static readonly string[] Ids = ["R000001", "R000300", "R006884"];

    [Fact]
    public async Task A_name_an_editor_corrected_survives_reimporting_either_file_and_the_page_and_api_say_who_set_it()
    {
        await ImportAsync(DemoData.Sources[0]);
        await ImportAsync(DemoData.Sources[1]);
        var id = await IdOfAsync("R000300");
        var editor = await Site.AccountAsync("editor", "Edna Editor");
        var before = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}");
        using (var patch = await editor.Api.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/organizations/{id}?summary=Its+real+name")
               {
                   Content = new StringContent("""{"name":"Dee4Life Supporters' Society"}""", Encoding.UTF8, "application/merge-patch+json"),
                   Headers = { { "If-Match", $"\"{before.GetProperty("revision").GetInt32()}\"" } },
               }))
            Assert.True(patch.IsSuccessStatusCode, await patch.Content.ReadAsStringAsync());

        // Both files again, each with a change of its own, so the records are merged anew.
        await ImportAsync(DemoData.Sources[0], vintage: "2023-07-01");
        await ImportAsync(DemoData.Sources[1], vintage: "2017-07-01");

        var record = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}");
        Assert.Equal("Dee4Life Supporters' Society", record.GetProperty("name").GetString());
        var name = record.GetProperty("provenance").EnumerateArray().Single(p => p.GetProperty("field").GetString() == "name");
        Assert.Equal("edit", name.GetProperty("origin").GetProperty("kind").GetString());
        Assert.Equal("Edna Editor", name.GetProperty("origin").GetProperty("author").GetString());
        // What each source says is kept beside it.
        var alternatives = name.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("value").GetString()).ToList();
        Assert.Contains("Dundee FC Supporters' Society Limited", alternatives);
        Assert.Equal(2, record.GetProperty("listed_by").GetArrayLength());

        var page = await Site.Http.GetStringAsync($"/organizations/{id}");
        Assert.Contains("Where this comes from", page);
        Assert.Contains("edited by Edna Editor", page);
    }

    [Fact]
    public async Task A_newer_vintage_of_a_source_outranks_an_older_edit_of_the_same_field()
    {
        await ImportAsync(DemoData.Sources[0]);
        var id = await IdOfAsync("R006884");
        var editor = await Site.AccountAsync("editor");
        var before = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}");
        using (var patch = await editor.Api.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/organizations/{id}?summary=Renamed")
               {
                   Content = new StringContent("""{"name":"Maesteg Club"}""", Encoding.UTF8, "application/merge-patch+json"),
                   Headers = { { "If-Match", $"\"{before.GetProperty("revision").GetInt32()}\"" } },
               }))
            Assert.True(patch.IsSuccessStatusCode);

        // A file describing a time after the edit.
        await ImportAsync(DemoData.Sources[0], vintage: DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd"));

        var record = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}");
        Assert.Equal("Maesteg Workmen's Club and Institute Limited", record.GetProperty("name").GetString());
    }

    private async Task ImportAsync(DemoData.DemoSource source, string? vintage = null)
    {
        var parsed = source.Read(DemoData.PathOf(source.FileName));
        var some = parsed with { Records = parsed.Records.Where(r => Ids.Contains(r.SourceRecordId)).ToList(), Rejected = [] };
        var report = await new Importer(Site.Store, TimeProvider.System).RunAsync(some,
            source.Options with { Vintage = vintage ?? source.Options.Vintage, SkipInvalid = false });
        Assert.True(report.Written, string.Join("\n", report.Errors));
    }

    private async Task<long> IdOfAsync(string coopsUkId)
    {
        await using var connection = await Site.Store.OpenAsync();
        return await connection.QuerySingleAsync<long>(
            "SELECT organization_id FROM identifiers WHERE scheme = 'coops-uk' AND value = @coopsUkId", new { coopsUkId });
    }
}
