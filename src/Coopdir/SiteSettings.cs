namespace Coopdir;

/// <summary>What `coopdir serve` was asked for on the command line.</summary>
/// <param name="StoreSetting">A SQLite file path or a PostgreSQL connection string (see Store.For).</param>
public sealed record SiteSettings(string StoreSetting, string Urls, bool LoadDemoData);

/// <summary>The map on search and organization pages; bound from the "Map" configuration section.</summary>
public sealed class MapOptions
{
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    public string TileAttribution { get; set; } = "&copy; OpenStreetMap contributors";
    public int MaxPoints { get; set; } = 10_000;
}

/// <summary>The directory itself: its name and the licence of its own data.</summary>
public sealed class DirectoryOptions
{
    public string Name { get; set; } = "Coopdir";
    public string DataLicence { get; set; } = Core.Organizations.Licences.DirectoryDefault;

    /// <summary>Who to write to about the data; the catalogue (/data.json) names it. Set it for a real deployment.</summary>
    public string ContactEmail { get; set; } = "data@coopdir.example";

    /// <summary>Where `coopdir release` writes releases; the site lists and serves what is there.</summary>
    public string ReleasesPath { get; set; } = DefaultReleasesPath;

    public const string DefaultReleasesPath = "./data/releases";

    /// <summary>
    /// The public address every absolute URL is written with (`serve --base-url`), e.g. https://coops.example; when set,
    /// only its host is served. Unset, the request's own host is used (fine on a laptop, not behind a proxy).
    /// </summary>
    public string? BaseUrl { get; set; }

    public Uri? BaseUri => BaseUrl is null ? null : new Uri(BaseUrl.TrimEnd('/') + "/");

    /// <summary>The reverse proxies (addresses or networks) whose X-Forwarded-For names the visitor (see Safety/TrustedProxies).</summary>
    public string[] TrustedProxies { get; set; } = [];
}

/// <summary>When a record counts as stale (see Core's Freshness); bound from the "Freshness" configuration section.</summary>
public sealed class FreshnessOptions
{
    /// <summary>Records not confirmed within this many days (by a source's vintage, a person's edit or "still correct") are stale.</summary>
    public int StaleAfterDays { get; set; } = Core.Organizations.Freshness.DefaultStaleAfterDays;
}
