using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Coopdir.Tests.Support;
using Dapper;
using static Coopdir.Tests.Payments.MoneyWorld;

namespace Coopdir.Tests.Payments;

/// <summary>The public ledger: pseudonymous entries, signed heads, proofs checked by code written here, and `coopdir ledger verify`.</summary>
public sealed class PublicLedgerTests() : SiteTest(new SiteOptions { Configuration = ["--RateLimits:PaymentsPerMinute=100000", "--RateLimits:WritesPerMinute=100000"] })
{
    [Fact]
    public async Task Every_movement_is_a_pseudonymous_entry_and_proofs_verify_by_an_independent_check()
    {
        var (world, code, _) = await LedgerOfAsync(13);
        var ledger = await Get($"/api/v1/money/currencies/{code}/ledger");
        Assert.Equal(13 + 1, ledger.GetProperty("tree_size").GetInt64());
        var entries = (await Get($"/api/v1/money/currencies/{code}/ledger/entries")).GetProperty("entries").EnumerateArray().ToList();
        Assert.All(entries, e => Assert.DoesNotContain("Rita", e.GetProperty("leaf").GetString()));
        Assert.All(entries, e => Assert.DoesNotContain("Corner Shop", e.GetProperty("leaf").GetString()));
        var leaves = entries.Select(e => Sha(new byte[] { 0 }.Concat(Encoding.UTF8.GetBytes(e.GetProperty("leaf").GetString()!)).ToArray())).ToList();
        Assert.Equal(Root(leaves), Convert.FromHexString(ledger.GetProperty("root_hash").GetString()!));

        for (var first = 1; first <= leaves.Count; first++)
        {
            var proof = await Get($"/api/v1/money/currencies/{code}/ledger/proofs/consistency?first={first}");
            var path = proof.GetProperty("proof").EnumerateArray().Select(p => Convert.FromHexString(p.GetString()!)).ToList();
            Assert.True(Consistent(first, leaves.Count, Root(leaves.Take(first).ToList()), Root(leaves), path), $"consistency {first} → {leaves.Count}");
        }
        for (var index = 0; index < 11; index++)
        {
            var proof = await Get($"/api/v1/money/currencies/{code}/ledger/proofs/inclusion?index={index}&tree_size=11");
            var path = proof.GetProperty("audit_path").EnumerateArray().Select(p => Convert.FromHexString(p.GetString()!)).ToList();
            Assert.Equal(Root(leaves.Take(11).ToList()), Included(leaves[index], index, 11, path));
        }
        using var late = await Site.Http.GetAsync($"/api/v1/money/currencies/{code}/ledger/proofs/inclusion?index=12&tree_size=11");
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        using var bad = await Site.Http.GetAsync($"/api/v1/money/currencies/{code}/ledger/proofs/consistency?first=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull(world);
    }

    [Fact]
    public async Task Verify_passes_an_honest_log_checks_an_earlier_head_and_names_the_entry_changed_in_the_store()
    {
        var (world, code, rita) = await LedgerOfAsync(6);
        var url = new Uri(Site.BaseAddress, $"/api/v1/money/currencies/{code}/ledger").ToString();
        var headFile = CommandLine.TempFile("head.json");
        var honest = await CommandLine.RunAsync("ledger", "verify", "--from", url, "--save-head", headFile);
        Assert.True(honest.ExitCode == 0, honest.Errors);
        Assert.Contains("7 entries verified", honest.Output);

        using (var more = await PayAsync(world.Resident, code, rita, (await OpenedShopAsync(world, code)), "1.00")) Assert.Equal(HttpStatusCode.Created, more.StatusCode);
        var later = await CommandLine.RunAsync("ledger", "verify", "--from", url, "--tree-head", headFile);
        Assert.True(later.ExitCode == 0, later.Errors);
        Assert.Contains("consistent with the earlier head of size 7", later.Output);

        // Someone with the database's keys changes entry 3's amount.
        await using (var connection = await Site.Store.OpenAsync())
            Assert.Equal(1, await connection.ExecuteAsync(
                "UPDATE pay_ledger SET leaf = replace(leaf, '\"amount\":\"3.00\"', '\"amount\":\"30.00\"') WHERE idx = 3 AND currency_id = (SELECT id FROM pay_currencies WHERE code = @code)", new { code }));
        var tampered = await CommandLine.RunAsync("ledger", "verify", "--from", url);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("Entry 3:", tampered.Errors);

        // A forged head: the right shape, another key's signature.
        var forged = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await File.ReadAllTextAsync(headFile))!;
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var text = $"coopdir-ledger-v1\n{code}\n7\n{forged["root_hash"].GetString()}\n{forged["timestamp"].GetString()}\n";
        var forgedFile = CommandLine.TempFile("forged.json", JsonSerializer.Serialize(new
        {
            currency = code, tree_size = 7, root_hash = forged["root_hash"].GetString(), timestamp = forged["timestamp"].GetString(),
            signature = Convert.ToBase64String(other.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256)),
        }));
        await using (var connection = await Site.Store.OpenAsync())
            await connection.ExecuteAsync("UPDATE pay_ledger SET leaf = replace(leaf, '\"amount\":\"30.00\"', '\"amount\":\"3.00\"') WHERE idx = 3");
        var forgery = await CommandLine.RunAsync("ledger", "verify", "--from", url, "--tree-head", forgedFile);
        Assert.Equal(1, forgery.ExitCode);
        Assert.Contains("not signed by the currency's key", forgery.Errors);
        var notAUrl = await CommandLine.RunAsync("ledger", "verify", "--from", "ftp://example.org");
        Assert.Equal(2, notAUrl.ExitCode);
    }

    [Fact]
    public async Task A_log_missing_stored_nodes_gets_them_back_at_the_next_start_and_its_proofs_are_the_same()
    {
        var (_, code, _) = await LedgerOfAsync(9);
        var before = await Get($"/api/v1/money/currencies/{code}/ledger/proofs/consistency?first=3");
        // As if the process that migrated past 0020 died before filling in an older log, and a later append wrote its own nodes.
        await using (var connection = await Site.Store.OpenAsync())
            await connection.ExecuteAsync("DELETE FROM pay_ledger_nodes WHERE NOT (level = 0 AND idx = 9)");

        await Site.Store.MigrateAsync();

        Assert.Equal(before.GetRawText(), (await Get($"/api/v1/money/currencies/{code}/ledger/proofs/consistency?first=3")).GetRawText());
        var verified = await CommandLine.RunAsync("ledger", "verify", "--from", new Uri(Site.BaseAddress, $"/api/v1/money/currencies/{code}/ledger").ToString());
        Assert.True(verified.ExitCode == 0, verified.Errors);
    }

    /// <summary>A currency issued by the operator with one issuance and <paramref name="payments"/> payments of 1.00, 2.00, … (the shop's account opened).</summary>
    private async Task<(MoneyWorld World, string Code, string Rita)> LedgerOfAsync(int payments)
    {
        var world = await SeedAsync(Site);
        var code = await world.RunAsync("operator_issued");
        var shop = await OpenedShopAsync(world, code);
        var rita = await OpenAsync(world.Resident, code);
        await world.IssueAsync(code, rita, "1000.00");
        for (var i = 1; i <= payments; i++)
            using (var paid = await PayAsync(world.Resident, code, rita, shop, $"{i}.00")) Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        return (world, code, rita);
    }

    private static async Task<string> OpenedShopAsync(MoneyWorld world, string code)
    {
        using var mine = await world.ShopOwner.Api.GetAsync("/api/v1/money/accounts");
        var held = (await JsonOf(mine)).EnumerateArray().FirstOrDefault(a => a.GetProperty("currency").GetString() == code);
        return held.ValueKind == JsonValueKind.Object ? held.GetProperty("id").GetString()! : await OpenAsync(world.ShopOwner, code, world.Shop);
    }

    private async Task<JsonElement> Get(string path)
    {
        using var response = await Site.Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await JsonOf(response);
    }

    // An independent reading of RFC 9162, written apart from the product's MerkleTree.

    private static byte[] Sha(byte[] data) => SHA256.HashData(data);

    private static byte[] Node(byte[] left, byte[] right) => Sha([1, .. left, .. right]);

    private static byte[] Root(IReadOnlyList<byte[]> leaves)
    {
        if (leaves.Count == 1) return leaves[0];
        var k = 1;
        while (k * 2 < leaves.Count) k *= 2;
        return Node(Root(leaves.Take(k).ToList()), Root(leaves.Skip(k).ToList()));
    }

    /// <summary>The root an inclusion path leads to, walking the tree from the top: no shifting of bit patterns.</summary>
    private static byte[] Included(byte[] leaf, int index, int size, List<byte[]> path)
    {
        if (size == 1) { Assert.Empty(path); return leaf; }
        var k = 1;
        while (k * 2 < size) k *= 2;
        var sibling = path[^1];
        var rest = path.Take(path.Count - 1).ToList();
        return index < k ? Node(Included(leaf, index, k, rest), sibling) : Node(sibling, Included(leaf, index - k, size - k, rest));
    }

    /// <summary>
    /// Consistency checked by rebuilding both roots from the proof, top down (RFC 9162's SUBPROOF read in reverse): the
    /// proof's last hash is the sibling at the top split; recurse into the side that holds the old tree's edge.
    /// </summary>
    private static bool Consistent(int first, int second, byte[] firstRoot, byte[] secondRoot, List<byte[]> proof)
    {
        if (first == second) return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        var (oldRoot, newRoot) = Rebuild(first, second, true, firstRoot, proof);
        return oldRoot.SequenceEqual(firstRoot) && newRoot.SequenceEqual(secondRoot);
    }

    private static (byte[] Old, byte[] New) Rebuild(int m, int n, bool whole, byte[] firstRoot, List<byte[]> proof)
    {
        if (m == n)
        {
            if (whole) { Assert.Empty(proof); return (firstRoot, firstRoot); }
            Assert.Single(proof);
            return (proof[0], proof[0]);
        }
        var k = 1;
        while (k * 2 < n) k *= 2;
        var sibling = proof[^1];
        var rest = proof.Take(proof.Count - 1).ToList();
        if (m <= k)
        {
            var (o, nw) = Rebuild(m, k, whole, firstRoot, rest);
            return (o, Node(nw, sibling));
        }
        var (old, @new) = Rebuild(m - k, n - k, false, firstRoot, rest);
        return (Node(sibling, old), Node(sibling, @new));
    }
}
