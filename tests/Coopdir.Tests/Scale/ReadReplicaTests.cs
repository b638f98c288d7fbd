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
public sealed class ReadReplicaTests
{
    // The replica scripts/start-test-postgres-replica.sh starts, unless the variable names another port.
    private static string ReplicaPort =>
        Environment.GetEnvironmentVariable("COOPDIR_TEST_POSTGRES_REPLICA_PORT") is { Length: > 0 } port ? port : "55433";

    [Fact]
    public async Task Writes_go_to_the_primary_and_reads_to_the_replica_which_catches_up()
    {
        using var temporary = new TemporaryStore(StoreKind.Postgres);
        var primary = new NpgsqlConnectionStringBuilder(temporary.Setting);
        var both = new NpgsqlConnectionStringBuilder(temporary.Setting) { Host = $"{primary.Host}:{primary.Port},{primary.Host}:{ReplicaPort}" };
        using var store = (PostgresStore)Store.For(both.ConnectionString).Migrate();

        using (var write = store.Open())
        {
            Assert.False(write.ExecuteScalar<bool>("SELECT pg_is_in_recovery()"));
            write.Execute("INSERT INTO sources (name, licence, created_at) VALUES ('Replicated', 'CC0-1.0', '2026-01-01')");
        }

        using var read = store.OpenForReading();
        Assert.True(read.ExecuteScalar<bool>("SELECT pg_is_in_recovery()"));
        var seen = false;
        for (var attempt = 0; attempt < 100 && !seen; attempt++)
        {
            try
            {
                seen = read.ExecuteScalar<long>("SELECT count(*) FROM sources WHERE name = 'Replicated'") == 1;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // The replica has not replayed the schema yet.
            }
            if (!seen) await Task.Delay(50);
        }
        Assert.True(seen, "the replica never received the write");
    }
}
