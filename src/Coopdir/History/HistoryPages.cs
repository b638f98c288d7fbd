using System.Globalization;
using System.Security.Claims;
using System.ServiceModel.Syndication;
using System.Xml;
using Coopdir.Accounts;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coopdir.History;

/// <summary>A record's history with diffs and revert, the recent changes page and its Atom feed.</summary>
public static class HistoryPages
{
    /// <summary>How many changes the Atom feed carries.</summary>
    public const int FeedCount = 100;

    public const string WindowRule = "must be a whole number from 1 upwards, and only one of before and after";

    /// <summary>The page asked for by before= or after= (a revision number, or a change's id on /changes); null when the keys are not valid.</summary>
    internal static RevisionWindow? WindowOf(string? before, string? after)
    {
        if (before is not null && after is not null) return null;
        long? key = null;
        if ((before ?? after) is { } text)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1) return null;
            key = n;
        }
        return before is not null ? new RevisionWindow(Before: key) : new RevisionWindow(After: key);
    }

    internal static Task<IResult> History(long id, Store store, ClaimsPrincipal principal, string? before = null, string? after = null) =>
        WindowOf(before, after) is { } window
            ? HistoryPageAsync(id, store, principal, window, null, StatusCodes.Status200OK)
            : Task.FromResult<IResult>(NotFoundPages.Show($"There is no such page of the history of organization {id}."));

    private static async Task<IResult> HistoryPageAsync(long id, Store store, ClaimsPrincipal principal, RevisionWindow window, string? problem, int status)
    {
        await using var connection = await store.OpenAsync();
        var page = await Revisions.PageOfAsync(connection, id, window);
        if (page.Entries.Count == 0)
            return await Revisions.ExistsAsync(connection, id)
                ? NotFoundPages.Show($"There is no such page of the history of organization {id}.")
                : NotFoundPages.Organization(id);
        var user = principal.ToUser();
        return new RazorComponentResult<HistoryPage>(new
        {
            OrganizationId = id,
            Page = page,
            Name = await Revisions.CurrentNameAsync(connection, id),
            CanRevert = user is not null && await OrganizationEdits.CanApplyDirectlyAsync(connection, user, ProposalActions.Update, id),
            Problem = problem,
        }) { StatusCode = status };
    }

    internal static async Task<IResult> Revert(long id, int revision, Store store, ClaimsPrincipal principal, OrganizationEdits edits)
    {
        var result = await edits.RevertAsync(principal.ToUser()!, id, revision, null);
        return result.Outcome switch
        {
            EditOutcome.Applied or EditOutcome.Unchanged => TypedResults.Redirect($"/organizations/{id}/history"),
            EditOutcome.Forbidden => TypedResults.Forbid(),
            EditOutcome.Conflict => await HistoryPageAsync(id, store, principal, new RevisionWindow(), result.Detail, StatusCodes.Status409Conflict),
            _ => await HistoryPageAsync(id, store, principal, new RevisionWindow(), result.Detail ?? string.Join("; ", (result.Errors ?? []).Select(e => e.Message)),
                result.Outcome == EditOutcome.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest),
        };
    }

    /// <summary>The directory's changes, newest first, a page at a time, optionally of one kind (created, updated, merged, deleted).</summary>
    internal static async Task<IResult> Recent(Store store, string? before = null, string? after = null, string? action = null)
    {
        if (WindowOf(before, after) is not { } window || (action is not null && !RecentChangesPage.Actions.Contains(action)))
            return NotFoundPages.Show("There is no such page of recent changes.");
        await using var connection = await store.OpenForReadingAsync();
        return new RazorComponentResult<RecentChangesPage>(new { Page = await Revisions.ChangesAsync(connection, window, action), Action = action });
    }

    /// <summary>The latest changes as Atom, so people and mirrors can follow the directory.</summary>
    internal static async Task Atom(HttpContext http, Store store, IOptions<DirectoryOptions> directory)
    {
        await using var connection = await store.OpenForReadingAsync();
        var recent = await Revisions.RecentAsync(connection, FeedCount);
        var origin = Shared.PublicUrl.Of(http.Request);
        var feed = new SyndicationFeed($"{directory.Value.Name}: recent changes", "Every change to the directory, newest first.",
            new Uri($"{origin}/changes"), $"{origin}/changes.atom",
            recent.Count == 0 ? DateTimeOffset.UnixEpoch : recent[0].CreatedAt,
            recent.Select(r => Entry(r, origin)));
        http.Response.ContentType = "application/atom+xml; charset=utf-8";
        await using var writer = XmlWriter.Create(http.Response.Body, new XmlWriterSettings { Async = true, Encoding = new System.Text.UTF8Encoding(false) });
        new Atom10FeedFormatter(feed).WriteTo(writer);
        await writer.FlushAsync();
    }

    // Text is checked at the door (PlainText), but a row stored before that, or by an older version, must not make the
    // whole feed invalid XML: a character XML 1.0 cannot hold becomes U+FFFD here.
    private static string XmlText(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        try
        {
            XmlConvert.VerifyXmlChars(text);
            return text;
        }
        catch (XmlException)
        {
            var clean = new System.Text.StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) { clean.Append(text, i, 2); i++; }
                else clean.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
            return clean.ToString();
        }
    }

    private static SyndicationItem Entry(RevisionEntry r, string origin)
    {
        var changes = string.Join("\n", r.Changes.Select(c => $"{c.Field}: {c.Before ?? "(none)"} → {c.After ?? "(none)"}"));
        var item = new SyndicationItem(XmlText($"{r.OrganizationName}: {r.Action} (revision {r.Revision})"), XmlText($"{r.Summary}\n\n{changes}"),
            new Uri($"{origin}/organizations/{r.OrganizationId}/history#revision-{r.OrganizationId}-{r.Revision}"),
            $"{origin}/organizations/{r.OrganizationId}/revisions/{r.Revision}", r.CreatedAt);
        item.Authors.Add(new SyndicationPerson { Name = XmlText(r.Author), Uri = r.UserId is null ? null : $"{origin}/users/{r.UserId.Value.ToString(CultureInfo.InvariantCulture)}" });
        return item;
    }
}
