using System.Net;
using Coopdir.Core.Data;
using Coopdir.Tests.Support;
using Dapper;
using Npgsql;

namespace Coopdir.Tests.Scale;

/// <summary>
/// Behind a replica that has stopped replaying, edits still read and answer from the primary: every
/// PATCH answers the new revision and its ETag, and If-Match: * applies to the current revision.
/// </summary>
[Collection(ReplicaCollection.Name)]
public sealed class LaggingReplicaTests : SiteTest
{
    [Fact]
    public async Task With_replay_paused_every_patch_answers_the_new_revision_and_if_match_star_succeeds()
    {
        using var temporary = new TemporaryStore(StoreKind.Postgres);
        (await temporary.OpenAsync()).Dispose();
        var primary = new NpgsqlConnectionStringBuilder(temporary.Setting);
        var replica = new NpgsqlConnectionStringBuilder(temporary.Setting) { Port = int.Parse(ReadReplicaTests.ReplicaPortSetting) };
        var both = new NpgsqlConnectionStringBuilder(temporary.Setting) { Host = $"{primary.Host}:{primary.Port},{replica.Host}:{replica.Port}" };
        var site = await StartSiteAsync(new SiteOptions { Store = both.ConnectionString });
        var id = (await site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var editor = await site.AccountAsync("editor");
        Assert.True(await ReadReplicaTests.EventuallyAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(replica.ConnectionString);
            await connection.OpenAsync();
            return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM organizations WHERE id = @id", new { id }) == 1;
        }), "the replica never received the organization");

        await using var pause = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(replica.ConnectionString) { Database = "postgres" }.ConnectionString);
        await pause.OpenAsync();
        await pause.ExecuteAsync("SELECT pg_wal_replay_pause()");
        try
        {
            var etag = "\"1\"";
            for (var revision = 2; revision <= 6; revision++)
            {
                using var response = await editor.Api.SendAsync(Patches.Phone(id, $"0111 {revision:000000}", etag, "lagging"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                etag = response.Headers.ETag!.Tag;
                Assert.Equal($"\"{revision}\"", etag);
                Assert.Contains($"\"revision\":{revision}", await response.Content.ReadAsStringAsync());
            }
            using var star = await editor.Api.SendAsync(Patches.Phone(id, "0111 999999", "*", "lagging"));
            Assert.Equal(HttpStatusCode.OK, star.StatusCode);
            Assert.Equal("\"7\"", star.Headers.ETag!.Tag);
        }
        finally
        {
            await pause.ExecuteAsync("SELECT pg_wal_replay_resume()");
        }
    }
}
