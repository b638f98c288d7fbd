using System.Data.Common;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Search.Postgres;

/// <summary>
/// The organization's weighted search document: name (A), alternate names (B), place (C),
/// description (D). Location points are indexed by PostgreSQL itself (an expression GiST index).
/// </summary>
public sealed class PostgresSearchIndex : ISearchIndex
{
    public void Remove(DbConnection connection, DbTransaction transaction, long id)
    {
        // The document is a column of the organization row and is rewritten by Add.
    }

    public void Add(DbConnection connection, DbTransaction transaction, long id, OrganizationContent content) =>
        connection.Execute("""
            UPDATE organizations SET search_document =
                setweight(to_tsvector('simple', unaccent(@name)), 'A') ||
                setweight(to_tsvector('simple', unaccent(@alternateNames)), 'B') ||
                setweight(to_tsvector('simple', unaccent(@place)), 'C') ||
                setweight(to_tsvector('simple', unaccent(@description)), 'D')
            WHERE id = @id
            """, new
            {
                id,
                name = SearchText.Words(content.Name),
                alternateNames = SearchText.Words(string.Join(" ", content.AlternateNames)),
                place = SearchText.Words(SearchText.Place(content)),
                description = SearchText.Words(content.Description),
            }, transaction);
}
