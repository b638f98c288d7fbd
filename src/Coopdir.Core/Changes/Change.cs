using System.Text.Json;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Changes;

/// <summary>What GET /api/v1/changes returns: changes after a cursor, in commit order, and the cursor to ask from next.</summary>
/// <param name="Next">Give this as <c>since</c> to continue; the same cursor when nothing was new.</param>
/// <param name="HasMore">More changes are waiting after <paramref name="Next"/>; ask again at once.</param>
public sealed record ChangePage(IReadOnlyList<Change> Changes, string Next, bool HasMore);

/// <summary>
/// One revision of one organization. <see cref="Record"/> is the organization's editable content
/// after the change (the same snapshot the revision keeps; null once deleted or merged); its
/// <c>source_id</c> is described in <see cref="Source"/>, so a follower gets each record's licence.
/// </summary>
/// <param name="Cursor">This change's position; asking with since=Cursor continues after it.</param>
/// <param name="Action">created, updated, deleted or merged.</param>
/// <param name="MergedInto">For a merge, the organization this one now leads to.</param>
public sealed record Change(
    string Cursor,
    long OrganizationId,
    int Revision,
    string Action,
    DateTimeOffset At,
    string Author,
    string Summary,
    long? MergedInto,
    JsonElement? Record,
    ChangeSource? Source);

/// <summary>The dataset a changed record came from, with the licence its rows keep.</summary>
public sealed record ChangeSource(long Id, string Name, LicenceDetail Licence, string? Attribution, string? Url)
{
    public static ChangeSource From(SourceInfo s) =>
        new(s.Id, s.Name, new LicenceDetail(s.LicenceInfo.Id, s.LicenceInfo.Name, s.LicenceInfo.Url), s.Attribution, s.Url);

    public SourceInfo ToInfo() => new(Id, Name, Licence.Id, Attribution, Url);
}

public static class ChangeActions
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";
    public const string Merged = "merged";
}
