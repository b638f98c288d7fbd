using Coopdir.Core.Claims;
using Microsoft.Extensions.Options;

namespace Coopdir.Claims;

/// <summary>Whether claims may be verified against loopback and private addresses (tests only); "Claims" section.</summary>
public sealed class ClaimOptions
{
    public bool AllowPrivateAddresses { get; set; }
}

public static class ClaimServices
{
    /// <summary>Claims of listings and the verifier that looks for their tokens on organizations' websites.</summary>
    public static IServiceCollection AddClaims(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ListingClaims>();
        services.AddOptions<ClaimOptions>().Bind(configuration.GetSection("Claims"));
        services.AddSingleton(provider => new ClaimVerifier(provider.GetRequiredService<IOptions<ClaimOptions>>().Value.AllowPrivateAddresses));
        return services;
    }
}
