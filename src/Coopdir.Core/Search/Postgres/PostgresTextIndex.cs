using System.Data.Common;
using Coopdir.Core.Data;
using Coopdir.Core.Search.Columns;
using Dapper;

namespace Coopdir.Core.Search.Postgres;

/// <summary>A tsvector ('simple' configuration) of each organization's <see cref="SearchDocument.Text"/>, kept on its row (search_document).</summary>
public sealed class PostgresTextIndex : ITextIndex
{
    async Task<IdList> ITextIndex.MatchAsync(DbConnection connection, TextQuery text)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM organizations WHERE search_document @@ to_tsquery('simple', @tsquery)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "tsquery";
        parameter.Value = TsQuery(text);
        command.Parameters.Add(parameter);
        var ids = new IdList();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(OrganizationSearch.ColumnsId(reader.GetInt64(0)));
        return ids;
    }

    async Task<List<long>> ITextIndex.MatchAmongAsync(DbConnection connection, TextQuery text, IReadOnlyList<int> ids)
    {
        var parameters = new DynamicParameters();
        parameters.Add("tsquery", TsQuery(text));
        return (await connection.QueryAsync<long>(
            $"SELECT id FROM organizations WHERE search_document @@ to_tsquery('simple', @tsquery) AND {SqlList.In("id", "id", ids.Select(id => (long)id), parameters)}",
            parameters)).AsList();
    }

    public Task WriteAsync(WriteSession session, long id, SearchDocument document) =>
        session.Command("UPDATE organizations SET search_document = to_tsvector('simple', @Text) WHERE id = @id", "@Text", "@id")
            .QueueAsync(document.Text, id);

    // The document lives on the organization's own row, which the writer rewrites or deletes.
    public Task RemoveAsync(WriteSession session, long id) => Task.CompletedTask;

    /// <summary>('stem' | 'correction' | 'typed':*) &amp; ...: words hold only letters and digits, so quoting is enough.</summary>
    public static string TsQuery(TextQuery text) => string.Join(" & ", text.Required.Select(word =>
        "(" + string.Join(" | ", word.Stems.Select(s => $"'{s}'").Concat(word.Prefix is { } p ? [$"'{p}':*"] : [])) + ")"));
}
