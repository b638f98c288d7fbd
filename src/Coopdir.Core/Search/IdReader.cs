using System.Data.Common;

namespace Coopdir.Core.Search;

/// <summary>Reads a column of ids straight off a data reader: a text match may list most of the directory.</summary>
internal static class IdReader
{
    public static List<long> Read(DbConnection connection, string sql, string? parameter = null, string? value = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (parameter is not null)
        {
            var p = command.CreateParameter();
            p.ParameterName = parameter;
            p.Value = value;
            command.Parameters.Add(p);
        }
        var ids = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetInt64(0));
        return ids;
    }
}
