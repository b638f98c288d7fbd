using System.Net;
using System.Text;
using Coopdir.Tests.Support;
using Microsoft.AspNetCore.Routing;

namespace Coopdir.Tests.Safety;

/// <summary>
/// Every endpoint that writes, as the running site lists them, called by every role: below its
/// minimum role it is refused (401, 403, or a redirect to sign in), at or above it is not.
/// A new write endpoint fails this test until it is added to the table.
/// </summary>
public sealed class AuthorizationMatrixTests() : SiteTest(new SiteOptions
{
    Configuration = ["--RateLimits:SignInsPerMinute=10000", "--RateLimits:SignUpsPerMinute=10000", "--RateLimits:WritesPerMinute=10000", "--RateLimits:WebsiteReadsPerMinute=10000",
        "--RateLimits:ProblemReportsPerTenMinutes=10000"],
})
{
    private const string Anonymous = "anonymous";
    private static readonly string[] RolesInOrder = [Anonymous, "contributor", "editor", "maintainer", "admin"];

    // "METHOD route pattern" → the least role that may call it.
    private static readonly Dictionary<string, string> MinimumRole = new()
    {
        ["PATCH /api/v1/organizations/{id:long}"] = "editor",
        ["POST /api/v1/organizations/{id:long}/revisions/{revision:int}/revert"] = "editor",
        ["POST /api/v1/proposals"] = "contributor",
        ["POST /api/v1/proposals/{id:long}/approve"] = "maintainer",
        ["POST /api/v1/proposals/{id:long}/reject"] = "maintainer",
        ["POST /api/v1/proposals/{id:long}/request-changes"] = "maintainer",
        ["POST /api/v1/organizations/{id:long}/claims"] = "contributor",
        ["POST /api/v1/organizations/{id:long}/claims/verify"] = "contributor",
        ["POST /sign-up"] = Anonymous,
        ["POST /sign-in"] = Anonymous,
        ["POST /forgot-password"] = Anonymous,
        ["POST /reset-password"] = Anonymous,
        ["POST /sign-out"] = "contributor",
        ["POST /account/tokens"] = "contributor",
        ["POST /account/password"] = "contributor",
        ["POST /account/tokens/{id:long}/revoke"] = "contributor",
        ["POST /organizations/{id:long}/edit"] = "contributor",
        ["POST /organizations/new"] = "contributor",
        ["POST /organizations/{id:long}/propose-merge"] = "contributor",
        ["POST /organizations/{id:long}/propose-removal"] = "contributor",
        ["POST /proposals/{id:long}/approve"] = "maintainer",
        ["POST /proposals/{id:long}/reject"] = "maintainer",
        ["POST /proposals/{id:long}/request-changes"] = "maintainer",
        ["POST /organizations/{id:long}/revisions/{revision:int}/revert"] = "editor",
        ["POST /organizations/{id:long}/claim"] = "contributor",
        ["POST /organizations/{id:long}/claim/verify"] = "contributor",
        ["POST /api/v1/relationships"] = "contributor",
        ["POST /api/v1/relationships/{id:long}/assertions"] = "contributor",
        ["POST /organizations/{id:long}/relationships"] = "contributor",
        ["POST /relationships/{id:long}/assertions"] = "contributor",
        ["POST /relationships/{id:long}/revisions/{revision:int}/revert"] = "contributor",
        ["POST /api/v1/organizations/{id:long}/published-relationships/read"] = "contributor",
        ["POST /organizations/{id:long}/published-relationships/read"] = "contributor",
        ["POST /api/v1/sources/{id:long}/retirement"] = "editor",
        ["POST /sources/{id:long}/retire"] = "editor",
        ["POST /api/v1/duplicates/{id:long}/decision"] = "editor",
        ["POST /api/v1/duplicates/scan"] = "editor",
        ["POST /review/duplicates/{id:long}/decision"] = "editor",
        ["POST /review/duplicates/scan"] = "editor",
        // "Still correct": a contributor is admitted only as the record's verified claimer, which none here is.
        ["POST /api/v1/organizations/{id:long}/confirmation"] = "editor",
        ["POST /organizations/{id:long}/confirmation"] = "editor",
        ["POST /api/v1/organizations/{id:long}/problems"] = Anonymous,
        ["POST /organizations/{id:long}/problems"] = Anonymous,
        ["POST /api/v1/problem-reports/{id:long}/handled"] = "editor",
        ["POST /problem-reports/{id:long}/handled"] = "editor",
        // Problems: a contributor is admitted to post, respond, accept, solve and close; who speaks for whom is checked after (403).
        ["POST /api/v1/problems"] = "contributor",
        ["POST /api/v1/problems/{id:long}/responses"] = "contributor",
        ["POST /api/v1/problems/{id:long}/accept"] = "contributor",
        ["POST /api/v1/problems/{id:long}/solve"] = "contributor",
        ["POST /api/v1/problems/{id:long}/close"] = "contributor",
        ["POST /api/v1/problems/{id:long}/approve"] = "maintainer",
        ["POST /api/v1/problems/{id:long}/reject"] = "maintainer",
        ["POST /api/v1/problems/responses/{id:long}/approve"] = "maintainer",
        ["POST /api/v1/problems/responses/{id:long}/reject"] = "maintainer",
        ["POST /problems"] = "contributor",
        ["POST /api/v1/money/currencies"] = "contributor",
        ["POST /api/v1/money/currencies/{code}/accounts"] = "contributor",
        ["PATCH /api/v1/money/currencies/{code}/accounts/{account}"] = "contributor",
        ["POST /api/v1/money/currencies/{code}/issuances"] = "contributor",
        ["POST /api/v1/money/currencies/{code}/redemptions"] = "contributor",
        ["POST /api/v1/money/currencies/{code}/reserve-deposits"] = "contributor",
        ["POST /api/v1/money/currencies/{code}/requests"] = "contributor",
        ["POST /api/v1/money/currencies/{code}/transfers"] = "contributor",
        ["PUT /api/v1/money/currencies/{code}/charges"] = "contributor",
        ["POST /api/v1/money/currencies/{code}/demurrage"] = "contributor",
        ["PUT /api/v1/money/currencies/{code}/acceptance/{account}"] = "contributor",
        ["DELETE /api/v1/money/currencies/{code}/acceptance/{account}"] = "contributor",
        ["POST /api/v1/money/currencies/{code}/clearing/agreements"] = "contributor",
        ["POST /api/v1/money/currencies/{code}/clearing/transfers"] = "contributor",
        // The clearing protocol between instances carries no account: its calls are signed with the agreement's secret (ClearingTests).
        ["POST /api/v1/money/currencies/{code}/clearing/{agreement}/prepare"] = Anonymous,
        ["POST /api/v1/money/currencies/{code}/clearing/{agreement}/commit"] = Anonymous,
        ["POST /api/v1/money/currencies/{code}/clearing/{agreement}/abort"] = Anonymous,
        ["POST /money/{code}/accounts"] = "contributor",
        ["POST /money/{code}/acceptance/{account}"] = "contributor",
        ["POST /money/{code}/accounts/{account}/requests"] = "contributor",
        ["POST /pay/{token}"] = "contributor",
        ["POST /problems/{id:long}/responses"] = "contributor",
        ["POST /problems/{id:long}/accept"] = "contributor",
        ["POST /problems/{id:long}/solve"] = "contributor",
        ["POST /problems/{id:long}/close"] = "contributor",
        ["POST /problems/{id:long}/approve"] = "maintainer",
        ["POST /problems/{id:long}/reject"] = "maintainer",
        ["POST /problems/responses/{id:long}/approve"] = "maintainer",
        ["POST /problems/responses/{id:long}/reject"] = "maintainer",
        ["POST /api/v1/solutions/import"] = "editor",
        ["POST /solutions/import"] = "editor",
        // Reconciliation reads; its clients (OpenRefine) send their batches as POST bodies, without an account.
        ["POST /reconcile"] = Anonymous,
        ["POST /reconcile/v1/match"] = Anonymous,
        ["POST /reconcile/v1/extend"] = Anonymous,
    };

    private IReadOnlyList<(string Method, string Pattern)> WriteEndpoints() =>
        Site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Where(m => m is not ("GET" or "HEAD" or "OPTIONS"))
                .Select(m => (m, "/" + e.RoutePattern.RawText!.Trim('/'))))
            .Distinct().ToList();

    [Fact]
    public void Every_write_endpoint_has_a_minimum_role_in_the_matrix()
    {
        var missing = WriteEndpoints().Select(e => $"{e.Method} {e.Pattern}").Where(key => !MinimumRole.ContainsKey(key)).ToList();
        Assert.True(missing.Count == 0, "Write endpoints missing from the authorization matrix: " + string.Join(", ", missing));
        Assert.Equal(MinimumRole.Count, WriteEndpoints().Count);
    }

    [Fact]
    public async Task Every_write_endpoint_refuses_every_role_below_its_minimum_and_admits_the_others()
    {
        var id = (await Site.SeedAsync(An.Organization("Matrix Co-op"), An.Organization("Other Co-op")))[0];
        var accounts = new Dictionary<string, TestAccount>();
        foreach (var role in RolesInOrder.Skip(1)) accounts[role] = await Site.AccountAsync(role);
        var failures = new List<string>();
        foreach (var (method, pattern) in WriteEndpoints())
        {
            foreach (var role in RolesInOrder)
            {
                var proposalId = await PendingProposal(accounts["contributor"], id);
                // A token id no one has, so revoking does not take away the accounts' own tokens.
                // Removal is given a record of its own, since an editor's removal applies at once.
                var target = pattern.Contains("proposals") ? proposalId
                    : pattern.Contains("tokens") ? 999_999
                    : pattern.Contains("propose-removal") ? (await Site.SeedAsync(An.Organization("To remove")))[0]
                    : id;
                var url = pattern.Replace("{id:long}", target.ToString()).Replace("{revision:int}", "1");
                var status = pattern.StartsWith("/api/")
                    ? await CallApi(method, url, role == Anonymous ? null : accounts[role])
                    : await PostForm(url, role == Anonymous ? null : accounts[role], accounts["contributor"]);
                var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || status == HttpStatusCode.Redirect && !pattern.StartsWith("/api/") && IsSignInRedirect;
                var shouldRefuse = Array.IndexOf(RolesInOrder, role) < Array.IndexOf(RolesInOrder, MinimumRole[$"{method} {pattern}"]);
                if (refused != shouldRefuse) failures.Add($"{method} {pattern} as {role}: {(int)status}{(shouldRefuse ? ", expected refusal" : ", expected admission")}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private bool IsSignInRedirect => lastLocation?.StartsWith("/sign-in", StringComparison.Ordinal) == true
        || lastLocation?.Contains("/sign-in?", StringComparison.Ordinal) == true;

    private string? lastLocation;

    private async Task<long> PendingProposal(TestAccount contributor, long id)
    {
        using var response = await contributor.Api.PostAsync("/api/v1/proposals", new StringContent(
            $$"""{"organization_id":{{id}},"base_revision":1,"patch":{"description":"x"},"summary":"matrix"}""", Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    private async Task<HttpStatusCode> CallApi(string method, string url, TestAccount? account)
    {
        using var client = new HttpClient { BaseAddress = Site.BaseAddress };
        if (account is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", account.Token);
        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = new StringContent("""{"reason":"matrix","summary":"matrix","patch":{}}""", Encoding.UTF8, method == "PATCH" ? "application/merge-patch+json" : "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        using var response = await client.SendAsync(request);
        lastLocation = null;
        return response.StatusCode;
    }

    // Sign-in is given real credentials, so that a refused password is not mistaken for a refused role.
    private async Task<HttpStatusCode> PostForm(string url, TestAccount? account, TestAccount credentials)
    {
        var session = account is null ? Session.Anonymous(Site) : await Session.SignedIn(Site, account);
        var tokenPage = account is null ? "/sign-in" : "/account";
        using var response = await session.PostFormAsync(url, new()
        {
            ["reason"] = "matrix", ["summary"] = "matrix", ["base_revision"] = "1", ["name"] = "Matrix Co-op",
            ["email"] = (account ?? credentials).User.Email, ["password"] = (account ?? credentials).Password,
        }, tokenPage);
        lastLocation = response.Headers.Location?.OriginalString;
        return response.StatusCode;
    }
}
