using System.Globalization;
using Coopdir.Tests.Support;
using CsvHelper;

namespace Coopdir.Tests.Cli;

public sealed class ReconcileCommandTests : SiteTest
{
    [Fact]
    public async Task Reconcile_adds_the_matched_id_name_score_and_match_flag_to_each_row_and_explains_bad_input()
    {
        var ids = await Site.SeedAsync(
            An.Organization("Leeds Bread Co-operative Ltd").In("GB", "Leeds", postcode: "LS6 1AA"),
            An.Organization("Riverside Community Energy").In("GB", "Bristol", postcode: "BS1 4DJ"),
            An.Organization("Riverside Community Energy").In("GB", "Cardiff", postcode: "CF10 1AA"),
            An.Organization("Unicorn Grocery").In("GB", "Manchester", postcode: "M21 0BN"));
        // The expected column is the truth: the id each row is, or none.
        var input = CommandLine.TempFile("members.csv",
            "Organisation,Town,Post code,expected\n" +
            $"LEEDS BREAD COOP,Leeds,LS6 1AA,{ids[0]}\n" +
            $"\"Riverside Community Energy, Cardiff\",Cardiff,CF10 1AA,{ids[2]}\n" +
            "Riverside Community Energy,,,\n" +
            $"Unicorn Grocerys Limited,Manchester,,{ids[3]}\n" +
            "Nowhere Widgets Plc,Leeds,,\n" +
            ",Leeds,,\n");
        var output = Path.Combine(Path.GetDirectoryName(input)!, "members-reconciled.csv");

        var run = await CommandLine.RunAsync("reconcile", input, "--name-column", "organisation", "--locality-column", "Town",
            "--postcode-column", "Post code", "--out", output, "--db", Site.StoreSetting);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("Reconciled 6 rows: 3 matched", run.Errors);
        using var reader = new CsvReader(new StreamReader(output), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["Organisation", "Town", "Post code", "expected", "coopdir_id", "coopdir_name", "coopdir_score", "coopdir_match"], rows[0].Keys);
        foreach (var row in rows)
        {
            var matched = (string)row["coopdir_match"] == "true";
            Assert.True(matched == ((string)row["expected"]).Length > 0, $"{row["Organisation"]}: match {row["coopdir_match"]}, expected '{row["expected"]}'");
            if (matched) Assert.Equal(row["expected"], row["coopdir_id"]);
        }
        Assert.Equal("Leeds Bread Co-operative Ltd", rows[0]["coopdir_name"]);
        Assert.Equal("", rows[5]["coopdir_id"]);

        var missing = await CommandLine.RunAsync("reconcile", input, "--name-column", "Name", "--db", Site.StoreSetting);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("members.csv: no column 'Name'; the columns are 'Organisation', 'Town', 'Post code', 'expected'", missing.Errors);
        var absent = await CommandLine.RunAsync("reconcile", input + ".nope", "--name-column", "Name", "--db", Site.StoreSetting);
        Assert.Equal(2, absent.ExitCode);
        Assert.Contains("no such file", absent.Errors);
    }
}
