using System.Data.Common;

namespace Coopdir.Core.Search;

/// <summary>Reads a column of ids straight off a data reader: a text match may list most of the directory.</summary>
internal static class IdReader
{
    public static async Task<List<long>> ReadAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids;
    }
}
