using Coopdir.Core.Data;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Search;

/// <summary>
/// Keeps search in step with an organization's rows: its <see cref="SearchDocument"/>'s ranking
/// columns and vocabulary here, the text through the store's <see cref="ITextIndex"/>.
/// Vocabulary words are never removed: a stale one only offers a correction that matches nothing.
/// </summary>
public static class SearchIndex
{
    /// <summary>Called after an organization's rows are written; its statements may wait in the session's queue.</summary>
    public static async Task AddAsync(WriteSession session, long id, OrganizationContent content)
    {
        var document = SearchDocument.For(content);
        await session.Command("UPDATE organizations SET search_name = @Name, search_head = @Head, completeness = @Completeness WHERE id = @id",
                "@Name", "@Head", "@Completeness", "@id")
            .QueueAsync(document.Name, document.Head, document.Completeness, id);
        await session.WrittenLast.AddTermsAsync(document.Terms);
        await session.Store.TextIndex.WriteAsync(session, id, document);
    }

    /// <summary>Called before an organization's rows are replaced or deleted.</summary>
    public static Task RemoveAsync(WriteSession session, long id) => session.Store.TextIndex.RemoveAsync(session, id);

    /// <summary>Re-indexes every organization from its current revision (after a migration changes what is indexed).</summary>
    public static async Task RebuildAsync(Store store)
    {
        await using var session = await store.BeginWriteAsync(bulk: true);
        var rows = await session.QueryAsync<(long Id, string Json)>("""
            SELECT o.id, r.after_json FROM organizations o
            JOIN revisions r ON r.organization_id = o.id AND r.revision = o.revision
            """);
        foreach (var (id, json) in rows)
        {
            await RemoveAsync(session, id);
            await AddAsync(session, id, Snapshots.FromJson(json));
        }
        await session.CommitAsync();
    }
}
