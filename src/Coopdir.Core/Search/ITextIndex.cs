using System.Data.Common;
using Coopdir.Core.Data;
using Coopdir.Core.Search.Columns;

namespace Coopdir.Core.Search;

/// <summary>
/// The one part of search that differs between stores: the full-text index of each organization's
/// <see cref="SearchDocument.Text"/> (FTS5 on SQLite, a tsvector on PostgreSQL). Everything else in
/// search (filters, facets, ranking, suggestions) is store-independent code over the search columns.
/// </summary>
public interface ITextIndex
{
    /// <summary>The ids of every organization whose document holds the required words (in no order).</summary>
    internal Task<IdList> MatchAsync(DbConnection connection, TextQuery text);

    /// <summary>Which of <paramref name="ids"/> match the text (in no order).</summary>
    internal Task<List<long>> MatchAmongAsync(DbConnection connection, TextQuery text, IReadOnlyList<int> ids);

    /// <summary>Indexes an organization's document, after its rows were written (it may wait in the session's queue).</summary>
    Task WriteAsync(WriteSession session, long id, SearchDocument document);

    /// <summary>Drops an organization's document, before its rows are replaced or deleted.</summary>
    Task RemoveAsync(WriteSession session, long id);
}
