using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;
using Dapper;

namespace Coopdir.Tests.Safety;

/// <summary>
/// `kill -9` of a server under writes loses no acknowledged write, and the store opens sound after it.
/// (Imports killed mid-way: ImportDurabilityTests; a mirror killed while following: MirrorTests. Longer
/// runs with more kills: bench/soak.sh and bench/kill-writes.sh.)
/// </summary>
public sealed class KilledServerTests
{
    private const int Writers = 4;
    private const int Kills = 2;

    [Fact]
    public async Task A_server_killed_during_writes_loses_no_acknowledged_write_and_restarts_on_a_sound_store()
    {
        var db = TestStores.NewSetting();
        try
        {
            var (ids, token) = await SeedAsync(db);
            var acknowledged = new ConcurrentDictionary<long, int>(ids.Select(id => KeyValuePair.Create(id, 0)));
            var attempts = 0;
            for (var kill = 0; kill < Kills; kill++)
            {
                var server = await ServerProcess.StartAsync(db, "--RateLimits:WritesPerMinute=100000");
                await VerifyAsync(server, acknowledged);
                using var stop = new CancellationTokenSource();
                var writers = ids.Select(id => WriteUntilKilledAsync(server.BaseAddress, token, id, acknowledged, () => Interlocked.Increment(ref attempts), stop.Token)).ToList();
                // Kill once every writer has had writes acknowledged since this start, mid-stream.
                var target = acknowledged.ToDictionary(a => a.Key, a => a.Value + 3);
                while (acknowledged.Any(a => a.Value < target[a.Key]) && writers.All(w => !w.IsCompleted)) await Task.Delay(20);
                await server.DisposeAsync(); // SIGKILL
                stop.Cancel();
                await Task.WhenAll(writers);
            }
            await using (var final = await ServerProcess.StartAsync(db)) await VerifyAsync(final, acknowledged);
            if (TestStores.Kind == StoreKind.Sqlite)
            {
                using var store = Store.For(db);
                await using var connection = await store.OpenAsync();
                Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
            }
            Assert.True(acknowledged.Values.Sum() >= Writers * Kills * 3, $"only {acknowledged.Values.Sum()} of {attempts} writes were acknowledged");
        }
        finally
        {
            TestStores.Drop(db);
        }
    }

    // Each writer sets its own record's phone to 1, 2, 3 ... and notes the last number the server acknowledged.
    private static async Task WriteUntilKilledAsync(Uri site, string token, long id, ConcurrentDictionary<long, int> acknowledged, Func<int> count, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = site };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        for (var n = acknowledged[id] + 1; !stop.IsCancellationRequested; n++)
        {
            count();
            try
            {
                using var response = await http.SendAsync(Patches.Phone(id, Phone(n), "*"), stop);
                if (response.StatusCode != HttpStatusCode.OK) return;
                acknowledged[id] = n;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                return; // the server died under the request: its write may or may not have happened
            }
        }
    }

    // A record holds the last acknowledged phone or a later one (a write done but not answered before the kill).
    private static async Task VerifyAsync(ServerProcess server, ConcurrentDictionary<long, int> acknowledged)
    {
        foreach (var (id, last) in acknowledged)
        {
            var record = JsonDocument.Parse(await server.Http.GetStringAsync($"/api/v1/organizations/{id}")).RootElement;
            var phone = record.TryGetProperty("phone", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : Phone(0);
            var n = int.Parse(phone[5..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(n >= last, $"organization {id}: write {last} was acknowledged, the store has {n}");
            Assert.True(record.GetProperty("revision").GetInt32() >= last + 1, $"organization {id}: revision {record.GetProperty("revision")} after {last} acknowledged writes");
            acknowledged[id] = n;
        }
    }

    private static string Phone(int n) => $"0100 {n:000000}";

    private static async Task<(List<long> Ids, string Token)> SeedAsync(string db)
    {
        using var store = await Store.For(db).MigrateAsync();
        var ids = new List<long>();
        await using (var session = await store.BeginWriteAsync())
        {
            var writer = new OrganizationWriter(TimeProvider.System);
            for (var i = 0; i < Writers; i++) ids.Add((await writer.CreateAsync(session, An.Organization($"Kill Test Co-op {i}"), new ChangeNote("test", "seed"))).Id);
            await session.CommitAsync();
        }
        await using var connection = await store.OpenAsync();
        var (user, _) = await new Users(TimeProvider.System).CreateAsync(connection, "editor@example.org", "Editor", Support.Accounts.Password, Roles.Editor);
        return (ids, await new ApiTokens(TimeProvider.System).CreateAsync(connection, user!.Id, "kill test"));
    }
}
