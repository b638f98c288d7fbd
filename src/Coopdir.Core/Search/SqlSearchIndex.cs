using System.Data.Common;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Search;

/// <summary>
/// Writes an organization's <see cref="SearchDocument"/>: the ranking columns of its row and the
/// vocabulary for typo correction here, the full-text document through the store's hook.
/// Vocabulary words are never removed: a stale one only offers a correction that matches nothing.
/// </summary>
public abstract class SqlSearchIndex : ISearchIndex
{
    public abstract void Remove(DbConnection connection, DbTransaction transaction, long id);

    public void Add(DbConnection connection, DbTransaction transaction, long id, OrganizationContent content)
    {
        var document = SearchDocument.For(content);
        var commands = TransactionCommands.Of(transaction);
        var extra = ExtraColumns is null ? "" : ", " + ExtraColumns;
        commands.For($"UPDATE organizations SET search_name = @Name, search_head = @Head, completeness = @Completeness{extra} WHERE id = @id",
                "@Name", "@Head", "@Completeness", "@Text", "@id")
            .Queue(document.Name, document.Head, document.Completeness, document.Text, id);
        var insertTerm = commands.For("INSERT INTO search_terms (term) VALUES (@term) ON CONFLICT DO NOTHING", "@term");
        foreach (var term in document.Terms)
        {
            if (commands.Bulk?.WrittenTerms.Add(term) != false) insertTerm.Queue(term);
        }
        AddText(connection, transaction, id, document);
    }

    /// <summary>Re-indexes every organization from its current revision (after a migration changes what is indexed).</summary>
    public void Rebuild(DbConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        var rows = connection.Query<(long Id, string Json)>("""
            SELECT o.id, r.after_json FROM organizations o
            JOIN revisions r ON r.organization_id = o.id AND r.revision = o.revision
            """, transaction: transaction).ToList();
        foreach (var (id, json) in rows)
        {
            Remove(connection, transaction, id);
            Add(connection, transaction, id, Snapshots.FromJson(json));
        }
        TransactionCommands.Of(transaction).Send();
        transaction.Commit();
    }

    /// <summary>"column = @Text-based expression" set on the organization row itself, for stores that keep the document there.</summary>
    protected virtual string? ExtraColumns => null;

    /// <summary>Stores that keep the document in a table of its own write it here.</summary>
    protected virtual void AddText(DbConnection connection, DbTransaction transaction, long id, SearchDocument document) { }
}
