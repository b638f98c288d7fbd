using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Tests.Data;

public sealed class MigrationsTests
{
    [Fact]
    public async Task Migrating_twice_applies_each_version_once()
    {
        var path = Path.Combine(Path.GetTempPath(), $"coopdir-migrations-{Guid.NewGuid():N}.db");
        var database = await (await Store.For(path).MigrateAsync()).MigrateAsync();

        await using var connection = await database.OpenAsync();
        var versions = connection.Query<int>("SELECT version FROM schema_migrations ORDER BY version").ToList();
        Assert.Equal(Migrations.Available(StoreKind.Sqlite).Select(m => m.Version), versions);
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
    }
}
