using Coopdir.Core.Solutions;

namespace Coopdir.Core.Tests.Solutions;

public sealed class RepositoryUrlTests
{
    [Theory]
    [InlineData("https://github.com/Aam-Digital/ndb-core", "https://github.com/Aam-Digital/ndb-core")]
    [InlineData("http://GitHub.com/undpindia/aajeevika/", "https://github.com/undpindia/aajeevika")]
    [InlineData(" https://gitlab.com/pcmt/pcmt.git ", "https://gitlab.com/pcmt/pcmt")]
    [InlineData("https://hg.savannah.gnu.org/hgweb/health/?x=1#top", "https://hg.savannah.gnu.org/hgweb/health")]
    [InlineData("https://git.example.org:8443/team/tool.git/", "https://git.example.org:8443/team/tool")]
    public void A_repository_url_is_kept_in_one_spelling(string given, string kept) => Assert.Equal(kept, RepositoryUrl.Normalise(given));

    [Theory]
    [InlineData("")]
    [InlineData("github.com/x/y")]
    [InlineData("ftp://example.org/repo")]
    public void What_is_not_an_http_url_is_no_repository(string given) => Assert.Null(RepositoryUrl.Normalise(given));
}
