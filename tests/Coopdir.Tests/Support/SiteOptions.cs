namespace Coopdir.Tests.Support;

/// <summary>What a test site starts over and with; by default a fresh, empty store and the default settings.</summary>
public sealed record SiteOptions
{
    /// <summary>A snapshot (<see cref="TestStores.SnapshotAsync"/>) the site's own store starts as a copy of, e.g. <see cref="DemoDirectory.Copy"/>.</summary>
    public string? Template { get; init; }

    /// <summary>
    /// An existing store to serve instead of a store of the site's own: another site's (a second app
    /// instance) or one the CLI wrote. The site leaves it in place when it stops.
    /// </summary>
    public string? Store { get; init; }

    /// <summary>Loads the demo data on first start, as `serve` does.</summary>
    public bool LoadDemoData { get; init; }

    /// <summary>Settings as command-line arguments, e.g. "--RateLimits:SignInsPerMinute=3".</summary>
    public string[] Configuration { get; init; } = [];
}
