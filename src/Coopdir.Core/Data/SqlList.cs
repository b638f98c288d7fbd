using Dapper;

namespace Coopdir.Core.Data;

/// <summary>
/// "column IN (@p0, @p1, ...)" with one parameter per value. Dapper turns a list parameter into
/// an array for PostgreSQL (which then needs = ANY) but expands it for SQLite; spelling the list
/// out works on both.
/// </summary>
public static class SqlList
{
    public static string In<T>(string expression, string name, IEnumerable<T> values, DynamicParameters parameters)
    {
        var names = values.Select((value, i) =>
        {
            parameters.Add($"{name}{i}", value);
            return $"@{name}{i}";
        }).ToList();
        return names.Count == 0 ? "1 = 0" : $"{expression} IN ({string.Join(", ", names)})";
    }
}
