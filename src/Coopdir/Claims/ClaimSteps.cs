using System.Globalization;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Organizations;

namespace Coopdir.Claims;

/// <summary>Whether claims may be verified against loopback and private addresses (tests only); "Claims" section.</summary>
public sealed class ClaimOptions
{
    public bool AllowPrivateAddresses { get; set; }
}

/// <summary>The two steps of a claim, shared by the API and the page: start (get a token), verify (find it on the website).</summary>
public static class ClaimSteps
{
    public static ListingClaim? Start(Store store, ListingClaims claims, long organizationId, User user)
    {
        if (OrganizationsApi.Find(store, organizationId.ToString(CultureInfo.InvariantCulture)) is null) return null;
        using var connection = store.Open();
        return claims.Start(connection, organizationId, user.Id);
    }

    /// <summary>Null when there is no such organization or the person has not started a claim on it.</summary>
    public static async Task<(ListingClaim Claim, ClaimCheck Check)?> Verify(Store store, ListingClaims claims, ClaimVerifier verifier,
        long organizationId, User user, CancellationToken cancellation)
    {
        var organization = OrganizationsApi.Find(store, organizationId.ToString(CultureInfo.InvariantCulture));
        ListingClaim? claim;
        using (var connection = store.Open()) claim = ListingClaims.Find(connection, organizationId, user.Id);
        if (organization is null || claim is null) return null;
        if (claim.Status == ListingClaims.Verified) return (claim, new ClaimCheck(true, "Already verified."));
        var check = await verifier.CheckAsync(organization.Content.Website, claim.Token, cancellation);
        if (!check.Verified) return (claim, check);
        using (var connection = store.Open()) claims.MarkVerified(connection, claim.Id);
        return (claim with { Status = ListingClaims.Verified }, check);
    }
}
