using Coopdir.Core.Solutions.PublicCode;

namespace Coopdir.Core.Tests.Solutions;

public sealed class YamlLimitsTests
{
    [Fact]
    public void A_file_nested_deeper_than_the_limit_is_refused_before_it_is_loaded_instead_of_overflowing_the_stack()
    {
        var deep = "name: x\nurl: " + new string('[', 200_000) + new string(']', 200_000) + "\n";

        var read = PublicCodeReader.Read(deep);

        Assert.False(read.IsValid);
        Assert.Contains("nests more than 64 levels deep", Assert.Single(read.Errors).ToString());
    }

    [Fact]
    public void A_file_of_many_aliases_is_refused_and_an_ordinary_one_is_not()
    {
        var aliases = "a: &a [x, y]\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"k{i}: *a\n"));

        Assert.Contains("uses more than 100 aliases", Assert.Single(PublicCodeReader.Read(aliases).Errors).ToString());
        Assert.Null(Coopdir.Core.Imports.YamlLimits.Problem(new StringReader("publiccodeYmlVersion: \"0.4\"\nname: Medusa\nlist: [1, [2, 3]]\n")));
    }
}
