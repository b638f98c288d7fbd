using Coopdir.Core.Imports;

namespace Coopdir.Core.Tests.Imports;

public class CsvTableTests
{
    private static CsvTable Read(string csv) => CsvTable.Read(new StringReader(csv));

    [Fact]
    public void Rows_start_on_the_line_after_the_previous_row_ends()
    {
        var table = Read("a,b\n\"one\ntwo\nthree\",x\n4,y\n");

        Assert.Equal([2, 5], table.Rows.Select(r => r.Line));
        Assert.Equal("one\ntwo\nthree", table.Rows[0].Text("a"));
    }

    [Fact]
    public void Header_names_match_trimmed_and_ignoring_case_with_a_byte_order_mark_removed()
    {
        var table = Read("\uFEFFIdentifier, Name ,name\nR1,First,Second\n");

        Assert.Equal(["Identifier", "Name", "name"], table.Header.Names);
        Assert.Equal("R1", table.Rows[0].Text("IDENTIFIER"));
        Assert.Equal("First", table.Rows[0].Text("name"));
    }

    [Fact]
    public void Short_and_long_rows_are_errors_not_silent_shifts()
    {
        var table = Read("a,b,c\n1,2\n1,2,3,4\n");

        Assert.Equal([new RowError(2, "c", "is missing: the row has 2 cells but the header has 3")], table.Rows[0].Errors);
        Assert.Equal([new RowError(3, "row", "has 4 cells but the header has 3")], table.Rows[1].Errors);
    }

    [Fact]
    public void Badly_quoted_field_is_a_row_error()
    {
        var table = Read("a,b\n1,\"bad\"quote\n2,good\n");

        Assert.Equal("row", Assert.Single(table.Rows[0].Errors).Field);
        Assert.Empty(table.Rows[1].Errors);
    }

    [Fact]
    public void Empty_file_has_no_header_and_no_rows()
    {
        var table = Read("");

        Assert.Empty(table.Header.Names);
        Assert.Empty(table.Rows);
    }
}
