using Coopdir.Core.Areas;
using Coopdir.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coopdir.Tests.Areas;

/// <summary>The areas the demo directory ships (the OCD lists and the UK's cities), loaded into a test site's store.</summary>
public static class TestAreas
{
    public const string California = "ocd-division/country:us/state:ca";
    public const string Oakland = "ocd-division/country:us/state:ca/place:oakland";
    public const string SanFrancisco = "ocd-division/country:us/state:ca/place:san_francisco";
    public const string Leeds = "ocd-division/country:gb/part:eng/region:uke/place:leeds";
    public const string Yorkshire = "ocd-division/country:gb/part:eng/region:uke";

    public static Task LoadAsync(TestSite site) => DemoData.LoadAreasIfEmptyAsync(site.Store, TimeProvider.System, NullLogger.Instance);

    public static AreaList Ocd() => OcdFiles.ReadFolder(DemoData.PathOf(Path.Combine("areas", "ocd-division-ids")));
}
