using System.Data.Common;

namespace Coopdir.Core.Search.Postgres;

/// <summary>
/// The document is a tsvector column of the organization row, rewritten with the ranking columns.
/// Location points are indexed by PostgreSQL itself (an expression GiST index).
/// </summary>
public sealed class PostgresSearchIndex : SqlSearchIndex
{
    public override void Remove(DbConnection connection, DbTransaction transaction, long id)
    {
        // Nothing lives outside the organization's own rows.
    }

    protected override string ExtraColumns => "search_document = to_tsvector('simple', @Text)";
}
