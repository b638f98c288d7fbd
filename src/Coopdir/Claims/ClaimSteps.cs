using System.Globalization;
using Coopdir.Core.Accounts;
using Coopdir.Core.Claims;
using Coopdir.Core.Data;
using Coopdir.Organizations;

namespace Coopdir.Claims;

/// <summary>The two steps of a claim, shared by the API and the page: start (get a token), verify (find it on the website).</summary>
public static class ClaimSteps
{
    public static ListingClaim? Start(Store store, ListingClaims claims, long organizationId, User user)
    {
        if (OrganizationsEndpoints.Find(store, organizationId.ToString(CultureInfo.InvariantCulture)) is null) return null;
        using var connection = store.Open();
        return claims.Start(connection, organizationId, user.Id);
    }

    /// <summary>Null when there is no such organization or the person has not started a claim on it.</summary>
    public static async Task<(ListingClaim Claim, ClaimCheck Check)?> Verify(Store store, ListingClaims claims, ClaimVerifier verifier,
        long organizationId, User user, CancellationToken cancellation)
    {
        var organization = OrganizationsEndpoints.Find(store, organizationId.ToString(CultureInfo.InvariantCulture));
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
