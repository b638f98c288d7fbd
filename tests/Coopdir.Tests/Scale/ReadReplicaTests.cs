using Coopdir.Core.Data;
using Coopdir.Core.Data.Postgres;
using Coopdir.Tests.Support;
using Dapper;
using Npgsql;

namespace Coopdir.Tests.Scale;

/// <summary>
/// With a primary and a streaming replica named in one connection string, writes go to the primary
/// and reads to the replica. Needs the replica that scripts/test.sh starts.
/// </summary>
[Collection(ReplicaCollection.Name)]
public sealed class ReadReplicaTests
{
    // The replica scripts/start-test-postgres-replica.sh starts, unless the variable names another port.
    private static string ReplicaPort =>
        Environment.GetEnvironmentVariable("COOPDIR_TEST_POSTGRES_REPLICA_PORT") is { Length: > 0 } port ? port : "55433";

    [Fact]
    public async Task Writes_go_to_the_primary_and_reads_to_the_replica_which_catches_up()
    {
        using var temporary = new TemporaryStore(StoreKind.Postgres);
        (await temporary.OpenAsync()).Dispose();
        var primary = new NpgsqlConnectionStringBuilder(temporary.Setting);
        var replicaOnly = new NpgsqlConnectionStringBuilder(temporary.Setting) { Port = int.Parse(ReplicaPort) };
        Assert.True(await EventuallyAsync(() => Task.FromResult(Query(replicaOnly, "SELECT count(*) FROM schema_migrations") > 0)),
            "the replica never received the new database and its schema");

        var both = new NpgsqlConnectionStringBuilder(temporary.Setting) { Host = $"{primary.Host}:{primary.Port},{primary.Host}:{ReplicaPort}" };
        using var store = (PostgresStore)Store.For(both.ConnectionString);
        await using (var write = await store.OpenAsync())
        {
            Assert.False(await write.ExecuteScalarAsync<bool>("SELECT pg_is_in_recovery()"));
            await write.ExecuteAsync("INSERT INTO sources (name, licence, created_at) VALUES ('Replicated', 'CC0-1.0', '2026-01-01')");
        }

        await using (var read = await store.OpenForReadingAsync())
            Assert.True(await read.ExecuteScalarAsync<bool>("SELECT pg_is_in_recovery()"));
        Assert.True(await EventuallyAsync(async () =>
        {
            await using var read = await store.OpenForReadingAsync();
            return await read.ExecuteScalarAsync<long>("SELECT count(*) FROM sources WHERE name = 'Replicated'") == 1;
        }), "the replica never received the write");
    }

    internal static string ReplicaPortSetting => ReplicaPort;

    private static long Query(NpgsqlConnectionStringBuilder target, string sql)
    {
        using var connection = new NpgsqlConnection(target.ConnectionString);
        connection.Open();
        return connection.ExecuteScalar<long>(sql);
    }

    /// <summary>Replication is asynchronous: retries for up to ten seconds, treating "not there yet" errors as false.</summary>
    internal static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                if (await condition()) return true;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidCatalogName)
            {
                // The replica has not replayed the database or its schema yet.
            }
            await Task.Delay(50);
        }
        return false;
    }
}
