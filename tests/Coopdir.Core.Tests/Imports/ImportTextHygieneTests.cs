using System.Text;
using Coopdir.Core.Imports;
using Coopdir.Core.Input;

namespace Coopdir.Core.Tests.Imports;

/// <summary>An imported cell with bytes that are not UTF-8, a control character or a noncharacter is an error naming its line and column.</summary>
public sealed class ImportTextHygieneTests
{
    private static ParsedFile Read(byte[] bytes) => EssglobalCsvReader.Read(ImportText.Open(new MemoryStream(bytes)));

    [Fact]
    public void Invalid_UTF8_NUL_and_control_characters_are_refused_by_line_and_column()
    {
        var file = Read([
            .. "Identifier,Name,Description\nR1,Good Co-op,Fine\nR2,Bad "u8, 0xFF, 0xFE, .. " Co-op,Fine\nR3,Nul Co-op,a\0b\nR4,Esc Co-op,\u001b[31m\nR5,Other,\uFFFF\n"u8,
        ]);
        var errors = file.AllErrors.Select(e => e.ToString()).ToList();
        Assert.Contains("line 3: Name: is not valid UTF-8 at character 5", errors);
        Assert.Contains("line 4: Description: contains U+0000 (a control character) at character 2", errors);
        Assert.Contains("line 5: Description: contains U+001B (a control character) at character 1", errors);
        Assert.Contains("line 6: Description: contains the noncharacter U+FFFF at character 1", errors);
        Assert.Equal(["R1"], file.Records.Select(r => r.SourceRecordId));
    }

    [Fact]
    public void A_U_FFFD_the_source_itself_wrote_is_text_not_an_encoding_error()
    {
        var file = Read(Encoding.UTF8.GetBytes("Identifier,Name\nR1,Caf\uFFFD Co-op\n"));
        Assert.Empty(file.AllErrors);
    }

    [Fact]
    public void A_cell_over_the_import_cap_is_refused_naming_the_cap()
    {
        var file = Read(Encoding.UTF8.GetBytes($"Identifier,Name,Description\nR1,Long Co-op,{new string('x', InputLimits.ImportFieldChars + 1)}\n"));
        Assert.Contains($"line 2: Description: is longer than {InputLimits.ImportFieldChars:N0} characters", file.AllErrors.Select(e => e.ToString()));
    }
}
