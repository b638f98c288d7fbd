using Coopdir.Core.Exports;

namespace Coopdir.Core.Tests.Exports;

public sealed class CsvExportTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")")]
    [InlineData("+44 20 7946 0000", "'+44 20 7946 0000")]
    [InlineData("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTabbed", "'\tTabbed")]
    [InlineData("\rReturn", "'\rReturn")]
    [InlineData("Plain text", "Plain text")]
    [InlineData("-2.2426", "-2.2426")]
    [InlineData("", "")]
    public void Cells_that_a_spreadsheet_would_run_get_an_apostrophe_and_plain_numbers_do_not(string cell, string expected) =>
        Assert.Equal(expected, CsvExport.Neutralize(cell));
}

public sealed class NameBasedUuidTests
{
    [Fact]
    public void The_uuid_of_a_url_is_the_rfc_9562_version_5_uuid_in_the_url_namespace() =>
        // Python: uuid.uuid5(uuid.NAMESPACE_URL, "https://coopdir.example/organizations/1")
        Assert.Equal(Guid.Parse("d99665c8-0aca-5d24-97ce-eb42b36c1700"), NameBasedUuid.ForUrl("https://coopdir.example/organizations/1"));
}
