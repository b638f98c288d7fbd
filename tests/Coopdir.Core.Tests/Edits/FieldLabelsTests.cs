using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Tests.Edits;

public sealed class FieldLabelsTests
{
    [Fact]
    public void Every_field_a_record_has_reads_as_words_and_the_usual_ones_as_the_form_calls_them()
    {
        var fields = FieldDiff.FieldNames(FieldDiff.ToObject(new OrganizationContent { Name = "n", Kind = "cooperative" }));

        Assert.All(fields, field => Assert.DoesNotContain("_", FieldLabels.Of(field)));
        Assert.Equal("Founded", FieldLabels.Of("founded_on"));
        Assert.Equal("Also known as", FieldLabels.Of("alternate_names"));
        Assert.Equal("Some new field", FieldLabels.Of("some_new_field"));
    }
}
