using Coopdir.Core.Accounts;
using Coopdir.Core.Claims;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Relationships;

public enum PublishedReadOutcome { Read, NotFound, Invalid, Unreadable }

/// <summary>What a read did: the reading (each entry's outcome), or why nothing was read: no such organization, a bad request, or a website that is not verified, not answering or not publishing a valid file.</summary>
public sealed record PublishedReadResult(PublishedReadOutcome Outcome, PublishedReading? Reading = null, IReadOnlyList<FieldError>? Errors = null, string? Detail = null)
{
    public static PublishedReadResult Unreadable(string field, string message) => new(PublishedReadOutcome.Unreadable, Errors: [new(field, message)], Detail: message);
}

/// <summary>
/// Reads, when asked, the relationships an organization publishes on its own verified website, in
/// Coopdir's file at <see cref="PublishedRelationships.WellKnownPath"/> or in its Murmurations profile (at an
/// address on the same website), and records them as the organization's own statements through
/// <see cref="RelationshipEdits.RecordPublishedAsync"/>. A file that does not validate is refused whole,
/// each error named; a valid file is recorded entry by entry, each reported.
/// </summary>
public sealed class PublishedRelationshipReader(Store store, WebsiteFetcher fetcher, RelationshipEdits edits, TimeProvider clock)
{
    /// <param name="directory">This directory's address, so that entries may name organizations by their address here.</param>
    /// <param name="murmurationsProfile">Where the organization's Murmurations profile is, to read it instead of Coopdir's file.</param>
    public async Task<PublishedReadResult> ReadAsync(User reader, long organizationId, Uri directory, string? murmurationsProfile, CancellationToken cancellation)
    {
        Organization? organization;
        bool verified;
        // No connection is held while the website answers: that may take as long as the site likes.
        await using (var connection = await store.OpenAsync())
        {
            organization = await OrganizationQueries.GetAsync(connection, organizationId);
            if (organization is null) return new(PublishedReadOutcome.NotFound, Detail: $"There is no organization with id {organizationId}.");
            verified = await ListingClaims.IsWebsiteVerifiedAsync(connection, organizationId);
        }
        var website = organization.Content.Website;
        if (website is null || !OrganizationValidator.IsWebUrl(website) || !Uri.TryCreate(website, UriKind.Absolute, out var site))
            return PublishedReadResult.Unreadable("website", "the organization has no website to read its relationships from");
        if (!verified)
            return PublishedReadResult.Unreadable("website", $"{website} is not verified: a claim on this organization must first be verified on its current website");

        var (source, format) = (new Uri(site, PublishedRelationships.WellKnownPath), PublishedFormat.Coopdir);
        if (murmurationsProfile is not null)
        {
            if (!Uri.TryCreate(murmurationsProfile, UriKind.Absolute, out var profile) || profile.Scheme is not ("http" or "https") || !SameSite(profile, site))
                return new(PublishedReadOutcome.Invalid, Errors: [new("murmurations_profile_url", $"must be an http(s) address on the organization's website ({site.Host})")]);
            (source, format) = (profile, PublishedFormat.Murmurations);
        }

        var fetched = await fetcher.GetAsync(source, cancellation);
        if (fetched.Text is null) return PublishedReadResult.Unreadable("source", fetched.Problem!);
        var (entries, errors) = format == PublishedFormat.Coopdir ? ParseCoopdir(fetched.Text) : MurmurationsRelationships.Parse(fetched.Text);
        if (errors.Count > 0) return new(PublishedReadOutcome.Unreadable, Errors: errors, Detail: $"{source} is not valid, so nothing of it was recorded.");

        var results = new PublishedEntryResult?[entries.Count];
        var resolved = new List<(int Index, ResolvedEntry Entry)>();
        await using (var connection = await store.OpenAsync())
        {
            var (found, problems) = await PublishedOthers.ResolveAsync(connection, directory, entries);
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i].Problem is { } problem) results[i] = PublishedEntryResult.Refused(entries[i], problem);
                else if (problems.TryGetValue(i, out var unknown)) results[i] = PublishedEntryResult.Refused(entries[i], unknown);
                else resolved.Add((i, new ResolvedEntry(entries[i], entries[i].Link!, found[i])));
            }
        }
        var recorded = await edits.RecordPublishedAsync(reader, organizationId, source, resolved.Select(r => r.Entry).ToList());
        for (var j = 0; j < resolved.Count; j++) results[resolved[j].Index] = recorded[j];
        return new(PublishedReadOutcome.Read, new PublishedReading(organizationId, source, format, clock.GetUtcNow(), results.Select(r => r!).ToList()));
    }

    private static (IReadOnlyList<PublishedEntry>, IReadOnlyList<FieldError>) ParseCoopdir(string json)
    {
        var (links, errors) = PublishedRelationships.Parse(json);
        return (PublishedEntry.Of(links), errors);
    }

    // The same host, give or take a leading www.
    private static bool SameSite(Uri a, Uri b) =>
        string.Equals(a.Host.StartsWith("www.") ? a.Host[4..] : a.Host, b.Host.StartsWith("www.") ? b.Host[4..] : b.Host, StringComparison.OrdinalIgnoreCase);
}
