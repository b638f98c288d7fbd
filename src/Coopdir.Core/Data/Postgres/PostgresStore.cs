using System.Data.Common;
using Coopdir.Core.Search;
using Coopdir.Core.Search.Postgres;
using Dapper;
using Npgsql;

namespace Coopdir.Core.Data.Postgres;

/// <summary>
/// The scale-out store: PostgreSQL, with tsvector full text (unaccent), pg_trgm, and a GiST index
/// on each location's point for geo queries (built in; neither PostGIS nor earthdistance is needed).
/// </summary>
public sealed class PostgresStore : Store
{
    private readonly NpgsqlDataSource dataSource;

    public PostgresStore(string setting)
    {
        ConnectionString = ToConnectionString(setting);
        dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string ConnectionString { get; }

    public override StoreKind Kind => StoreKind.Postgres;
    public override IOrganizationSearch Search { get; } = new PostgresOrganizationSearch();
    public override ISearchIndex SearchIndex { get; } = new PostgresSearchIndex();

    public override string Description
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
        }
    }

    public override DbConnection Open() => dataSource.OpenConnection();

    public override void Dispose() => dataSource.Dispose();

    public override void AfterExplicitIds(DbConnection connection, DbTransaction transaction, string table) =>
        connection.Execute(
            $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT max(id) FROM {table}), 1))",
            transaction: transaction);

    public static bool IsConnectionString(string setting) =>
        setting.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || setting.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || setting.Contains("Host=", StringComparison.OrdinalIgnoreCase) && setting.Contains(';');

    /// <summary>Accepts a postgres:// URL or an Npgsql keyword string.</summary>
    public static string ToConnectionString(string setting)
    {
        if (!setting.Contains("://", StringComparison.Ordinal)) return new NpgsqlConnectionStringBuilder(setting).ConnectionString;
        var uri = new Uri(setting);
        var credentials = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = credentials.Length > 0 && credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : null,
            Password = credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : null,
        };
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(parts[0])] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
        }
        return builder.ConnectionString;
    }
}
