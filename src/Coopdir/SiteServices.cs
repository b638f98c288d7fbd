using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Microsoft.Extensions.Options;

namespace Coopdir;

/// <summary>What every feature relies on, one AddXxx per concern; features register their own (AddAccounts, AddClaims, …).</summary>
public static class SiteServices
{
    /// <summary>The directory's store (migrated by Site.BuildAsync before the site starts), and the clock.</summary>
    public static IServiceCollection AddStore(this IServiceCollection services, string storeSetting)
    {
        var store = Store.For(storeSetting);
        // Registered through a factory so that the host disposes it (and its connection pool) on stop.
        services.AddSingleton(_ => store);
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>The map's, the directory's and freshness options (see SiteSettings.cs), checked when the site starts; the freshness rule.</summary>
    public static IServiceCollection AddSiteOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MapOptions>().Bind(configuration.GetSection("Map"))
            .Validate(o => o.TileUrl.Contains("{z}") && o.MaxPoints > 0, "Map:TileUrl needs {z}/{x}/{y} and Map:MaxPoints must be positive")
            .ValidateOnStart();
        services.AddOptions<DirectoryOptions>().Bind(configuration.GetSection("Directory"))
            .Validate(o => Licences.Find(o.DataLicence) is not null, "Directory:DataLicence must be a known licence id")
            .Validate(o => Shared.PublicUrl.Problem(o.BaseUrl) is null, "Directory:BaseUrl must be an absolute http(s) URL without query, fragment or user name")
            .Validate(o => Safety.TrustedProxies.Problem(o.TrustedProxies) is null, "Directory:TrustedProxies entries must be IP addresses or networks such as 10.0.0.0/8")
            .ValidateOnStart();
        services.AddOptions<FreshnessOptions>().Bind(configuration.GetSection("Freshness"))
            .Validate(o => o.StaleAfterDays > 0, "Freshness:StaleAfterDays must be positive")
            .ValidateOnStart();
        services.AddSingleton(s => new Freshness(s.GetRequiredService<IOptions<FreshnessOptions>>().Value.StaleAfterDays, s.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Server-rendered Razor component pages and the anti-forgery tokens of their forms.</summary>
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddHttpContextAccessor();
        services.AddAntiforgery(o => o.Cookie.Name = "coopdir_antiforgery");
        return services;
    }
}
