using System.IO.Compression;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Exports;

/// <summary>A small directory that exercises every export: awkward text, a network with a member, two licences.</summary>
public static class ExportTestData
{
    public const string TrickyName = "Caf\u00e9 \"Quoted\", with comma; and more 🌱 合作社 Кооператив تعاونية";
    public const string FormulaDescription = "=HYPERLINK(\"http://evil.example\",\"click\")";
    public const string SourceName = "Federation member list";

    public sealed record Seeded(long Network, long Tricky, long Formula);

    /// <summary>The network comes from a source under ODC-By; the other two were entered in the directory.</summary>
    public static Task<Seeded> SeedAsync(TestSite site) => site.WriteAsync(async (writer, session) =>
    {
        var note = new ChangeNote("test", "seed");
        var source = await SourceRegistry.UpsertAsync(session, SourceName, "ODC-By-1.0", "Contains federation data", "https://federation.example/members", DateTimeOffset.UtcNow);
        var network = (await writer.CreateAsync(session, An.Organization("Northern Worker Co-op Federation", "network")
            .In("GB", "Manchester", 53.4808, -2.2426, region: "England", postcode: "M1 1AA", street: "1 Co-op Street")
            with { SourceId = source.Id, SourceRecordId = "F-1", Website = "https://federation.example" }, note)).Id;
        var tricky = (await writer.CreateAsync(session, An.Organization(TrickyName)
            .In("FR", "Lyon", 45.764, 4.8357, region: "Auvergne-Rhône-Alpes", postcode: "69001", street: "2 rue \"Test\",\nBâtiment B")
            .In("JP", "Tōkyō", 35.6762, 139.6503)
            .OfTypes("worker", "platform").InSector("retail")
            .Described("Ünïcödé description with \"quotes\", commas, and a newline\nhere 🌱")
            with
            {
                AlternateNames = ["合作社 Tricky", "Tricky, Inc."],
                Website = "https://tricky.example/",
                Email = "hello@tricky.example",
                Phone = "+33 4 00 00 00 00",
                FoundedOn = "2001-05",
                Identifiers = [new Identifier("wikidata", "Q42")],
                Counts = new MembershipCounts(Members: 12, Workers: 9, Year: 2024),
                Relationships = [An.Relationship(RelationshipTypes.MemberOf, network, "2019-01-01", "member")],
            }, note)).Id;
        var formula = (await writer.CreateAsync(session, An.Organization("Gamma Housing Co-op").In("GB", "Leeds").OfTypes("housing")
            .Described(FormulaDescription), note)).Id;
        return new Seeded(network, tricky, formula);
    });

    /// <summary>When Gamma said its membership ended.</summary>
    public static readonly DateTimeOffset EndedAt = DateTimeOffset.Parse("2026-02-01T00:00:00Z");

    /// <summary>
    /// Gives Gamma four relationships of its own: an ended membership of the network (a dataset said so,
    /// then Gamma said it ended), a subsidiary of Tricky that both sides confirm, and funding by the
    /// network and a partnership with Tricky that a dataset proposes.
    /// </summary>
    public static Task RelateAsync(TestSite site, Seeded seeded) => site.WriteAsync(async (writer, session) =>
    {
        var gamma = (await OrganizationQueries.GetAsync(session, seeded.Formula))!;
        var ended = An.Relationship(RelationshipTypes.MemberOf, seeded.Network, "2010", "founding member");
        var subsidiary = An.Relationship(RelationshipTypes.SubsidiaryOf, seeded.Tricky, "2015-03-01") with
        {
            Assertions =
            [
                new Assertion(Party.Subject, Voice.Claimer, Stance.Asserts, DateTimeOffset.Parse("2026-01-02T00:00:00Z"), "gamma@example.org"),
                new Assertion(Party.Object, Voice.Claimer, Stance.Asserts, DateTimeOffset.Parse("2026-01-03T00:00:00Z"), "tricky@example.org", "https://tricky.example/group"),
            ],
        };
        return await writer.UpdateAsync(session, seeded.Formula, gamma.Content with
        {
            Relationships =
            [
                ended with
                {
                    EndDate = "2020-06",
                    Assertions = [.. ended.Assertions, new Assertion(Party.Subject, Voice.Editor, Stance.Ends, EndedAt, "editor@example.org")],
                },
                subsidiary,
                An.Relationship(RelationshipTypes.FundedBy, seeded.Network, "2018"),
                An.Relationship("partner_of", seeded.Tricky),
            ],
        }, new ChangeNote("test", "relationships"));
    });

    public static Task<byte[]> DownloadAsync(this TestSite site, string extension, string query = "") =>
        site.DownloadAsync("organizations", extension, query);

    public static async Task<byte[]> DownloadAsync(this TestSite site, string subject, string extension, string query)
    {
        using var response = await site.Http.GetAsync($"/api/v1/exports/{subject}.{extension}{query}");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, $"{extension}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        return body;
    }

    /// <summary>Each entry of a zip, by name, as text.</summary>
    public static Dictionary<string, string> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        });
    }

    /// <summary>A CSV's rows as column → value maps (parsed with CsvHelper, as a consumer would).</summary>
    public static List<Dictionary<string, string>> ReadCsv(string text)
    {
        using var csv = new CsvHelper.CsvReader(new StringReader(text), System.Globalization.CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(header.ToDictionary(h => h, h => csv.GetField(h) ?? ""));
        return rows;
    }
}
