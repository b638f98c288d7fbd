using Coopdir.Core.Accounts;
using Coopdir.Core.Claims;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;

namespace Coopdir.Claims;

/// <summary>The two steps of a claim, shared by the API and the page: start (get a token), verify (find it on the website).</summary>
public static class ClaimSteps
{
    public static async Task<ListingClaim?> StartAsync(Store store, ListingClaims claims, long organizationId, User user)
    {
        await using var connection = await store.OpenAsync();
        if (await OrganizationQueries.GetAsync(connection, organizationId) is null) return null;
        return await claims.StartAsync(connection, organizationId, user.Id);
    }

    /// <summary>Null when there is no such organization or the person has not started a claim on it.</summary>
    /// <returns>The organization too, for the page that shows the outcome.</returns>
    public static async Task<(ListingClaim Claim, ClaimCheck Check, Organization Organization)?> VerifyAsync(Store store, ListingClaims claims,
        ClaimVerifier verifier, long organizationId, User user, CancellationToken cancellation)
    {
        Organization? organization;
        ListingClaim? claim;
        // Not held while the organization's website answers: that may take as long as the site likes.
        await using (var connection = await store.OpenAsync())
        {
            organization = await OrganizationQueries.GetAsync(connection, organizationId);
            claim = await ListingClaims.FindAsync(connection, organizationId, user.Id);
        }
        if (organization is null || claim is null) return null;
        if (claim.Status == ListingClaims.Verified) return (claim, new ClaimCheck(true, "Already verified."), organization);
        var check = await verifier.CheckAsync(organization.Content.Website, claim.Token, cancellation);
        if (!check.Verified) return (claim, check, organization);
        await using (var connection = await store.OpenAsync()) await claims.MarkVerifiedAsync(connection, claim.Id);
        return (claim with { Status = ListingClaims.Verified }, check, organization);
    }
}
