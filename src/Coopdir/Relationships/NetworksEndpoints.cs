using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Core.Search;
using Coopdir.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coopdir.Relationships;

/// <summary>
/// A network's members: its current members searched, filtered and paged as any search is (the search's own
/// parameters, facets and map points, among the members only), and its members year by year; over the API and
/// on the page at /organizations/{id}/members (<see cref="NetworkPages"/>).
/// </summary>
public static class NetworksEndpoints
{
    public static void MapNetworks(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/organizations/{id:long}/members").WithTags("Relationships");
        api.MapGet("", Members).WithSummary("The organization's current members, with the search's filters, paging and facets");
        api.MapGet("/map-points", Points).WithSummary("Coordinates of the current members matching the filters, for maps");
        api.MapGet("/by-year", ByYear).WithSummary("How many members the organization had each year, and how many joined and left");

        app.MapGet("/organizations/{id:long}/members", NetworkPages.Show).ExcludeFromDescription();
    }

    private static async Task<Results<Ok<OrganizationList>, ValidationProblem, ProblemHttpResult>> Members(long id, [AsParameters] SearchRequest request,
        Store store, TimeProvider clock)
    {
        var (network, query, errors) = await MembersQueryAsync(id, request, store, clock);
        if (network is null) return Problems.NotFound($"There is no organization with id '{id}'.");
        if (query is null) return Problems.InvalidParameters(errors);
        await using var connection = await store.OpenForReadingAsync();
        return TypedResults.Ok(OrganizationList.From(await store.Search.RunAsync(connection, query)));
    }

    private static async Task<Results<Ok<MapPoints>, ValidationProblem, ProblemHttpResult>> Points(long id, [AsParameters] SearchRequest request, Store store,
        IOptions<MapOptions> map, TimeProvider clock)
    {
        var (network, query, errors) = await MembersQueryAsync(id, request, store, clock);
        if (network is null) return Problems.NotFound($"There is no organization with id '{id}'.");
        if (query is null) return Problems.InvalidParameters(errors);
        return TypedResults.Ok(await MapPoints.OfAsync(store, query, map.Value.MaxPoints));
    }

    private static async Task<Results<Ok<MembershipHistoryDetail>, ProblemHttpResult>> ByYear(long id, Store store, TimeProvider clock)
    {
        var network = await OrganizationQueries.FindAsync(store, id);
        return network is null
            ? Problems.NotFound($"There is no organization with id '{id}'.")
            : TypedResults.Ok(new MembershipHistoryDetail(network.Id, CurrentMembers(network, clock).Count, HistoryOf(network, clock)));
    }

    /// <summary>The network, and the search among its current members that the request asks for (null with the errors when it does not parse).</summary>
    internal static async Task<(Organization? Network, SearchQuery? Query, IReadOnlyList<FieldError> Errors)> MembersQueryAsync(
        long id, SearchRequest request, Store store, TimeProvider clock)
    {
        var network = await OrganizationQueries.FindAsync(store, id);
        var (query, errors) = await request.ParseAsync(store);
        if (network is null || query is null) return (network, null, errors);
        return (network, query with { Among = CurrentMembers(network, clock) }, errors);
    }

    internal static IReadOnlySet<long> CurrentMembers(Organization network, TimeProvider clock) =>
        MembershipHistory.CurrentMembers(network, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    internal static MembershipHistory HistoryOf(Organization network, TimeProvider clock) => MembershipHistory.Of(
        network.Relationships.Where(r => r.ObjectId == network.Id && r.Type == RelationshipTypes.MemberOf), clock.GetUtcNow().UtcDateTime.Year);
}

/// <summary>
/// GET /api/v1/organizations/{id}/members/by-year: members during each year, joined and left in it; undated
/// memberships count from the year they were recorded, disputed ones not at all.
/// </summary>
public sealed record MembershipHistoryDetail(long OrganizationId, int CurrentMembers, int Undated, int Disputed, IReadOnlyList<MemberYear> Years)
{
    public MembershipHistoryDetail(long organizationId, int currentMembers, MembershipHistory history)
        : this(organizationId, currentMembers, history.Undated, history.Disputed, history.Years) { }
}
