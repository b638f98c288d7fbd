using Coopdir.Core.Claims;
using Microsoft.Extensions.Options;

namespace Coopdir.Claims;

/// <summary>Whether organizations' websites (claims, published relationships) may be read at loopback and private addresses (tests only); "Claims" section.</summary>
public sealed class ClaimOptions
{
    public bool AllowPrivateAddresses { get; set; }
}

public static class ClaimServices
{
    /// <summary>Claims of listings, the verifier that looks for their tokens on organizations' websites, and the one way those websites are read.</summary>
    public static IServiceCollection AddClaims(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ListingClaims>();
        services.AddOptions<ClaimOptions>().Bind(configuration.GetSection("Claims"));
        services.AddSingleton(provider => new WebsiteFetcher(provider.GetRequiredService<IOptions<ClaimOptions>>().Value.AllowPrivateAddresses));
        services.AddSingleton<ClaimVerifier>();
        return services;
    }
}
