using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Coopdir.Core.Payments.Ledger;

namespace Coopdir.Core.Tests.Payments;

public sealed class MerkleTreeTests
{
    private static List<byte[]> Leaves(int n) => Enumerable.Range(0, n).Select(i => MerkleTree.LeafHash(Encoding.UTF8.GetBytes($"leaf {i}"))).ToList();

    [Fact]
    public void Hashes_follow_RFC_9162_prefixes_and_the_empty_tree_is_the_hash_of_nothing()
    {
        Assert.Equal(SHA256.HashData([0, .. "a"u8.ToArray()]), MerkleTree.LeafHash("a"u8));
        var l = new byte[32]; var r = Enumerable.Repeat((byte)1, 32).ToArray();
        Assert.Equal(SHA256.HashData([1, .. l, .. r]), MerkleTree.NodeHash(l, r));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleTree.Root([])));
    }

    [Fact]
    public void The_frontier_gives_every_prefix_the_same_root_as_the_whole_computation_and_survives_being_stored()
    {
        var leaves = Leaves(70);
        var frontier = new Frontier();
        for (var n = 1; n <= leaves.Count; n++)
        {
            frontier.Append(leaves[n - 1]);
            Assert.Equal(MerkleTree.Root(leaves.Take(n).ToList()), frontier.Root());
            frontier = Frontier.Parse(n, frontier.ToString());
        }
        Assert.Throws<InvalidDataException>(() => Frontier.Parse(3, Convert.ToHexStringLower(leaves[0])));
    }

    [Fact]
    public void Every_inclusion_and_consistency_proof_verifies_and_a_changed_hash_does_not()
    {
        var leaves = Leaves(21);
        for (var size = 1; size <= leaves.Count; size++)
        {
            var root = MerkleTree.Root(leaves.Take(size).ToList());
            for (var i = 0; i < size; i++)
            {
                var path = MerkleTree.InclusionProof(leaves, i, size);
                Assert.True(MerkleTree.VerifyInclusion(leaves[i], i, size, path, root));
                Assert.False(MerkleTree.VerifyInclusion(leaves[(i + 1) % size == i ? 0 : (i + 1) % size], i, size, path, root) && size > 1);
            }
            for (var first = 1; first <= size; first++)
            {
                var proof = MerkleTree.ConsistencyProof(leaves, first, size);
                var firstRoot = MerkleTree.Root(leaves.Take(first).ToList());
                Assert.True(MerkleTree.VerifyConsistency(first, size, firstRoot, root, proof), $"{first} → {size}");
                if (first < size)
                    Assert.False(MerkleTree.VerifyConsistency(first, size, MerkleTree.LeafHash("forged"u8), root, proof));
            }
        }
    }

    [Fact]
    public void Proofs_and_roots_from_the_nodes_an_append_completes_equal_those_computed_from_every_leaf()
    {
        var leaves = Leaves(200);
        var stored = new Dictionary<(int, long), byte[]>();
        PerfectNode node = (level, index) => stored[(level, index)];
        var frontier = new Frontier();
        for (var size = 1; size <= leaves.Count; size++)
        {
            var completed = frontier.Append(leaves[size - 1]);
            Assert.Equal(1 + BitOperations.TrailingZeroCount(size), completed.Count);
            foreach (var (level, index, hash) in completed) stored.Add((level, index), hash);
            Assert.Equal(frontier.Root(), MerkleTree.Root(node, size));
            // Every inclusion proof up to 40 leaves, then a spread of them; every consistency proof into this size.
            foreach (var index in size <= 40 ? Enumerable.Range(0, size) : [0, 1, size / 3, size / 2, size - 2, size - 1])
                Assert.Equal(MerkleTree.InclusionProof(leaves, index, size), MerkleTree.InclusionProof(node, index, size));
            for (var first = 1; first <= size; first += size <= 40 ? 1 : 7)
                Assert.Equal(MerkleTree.ConsistencyProof(leaves, first, size), MerkleTree.ConsistencyProof(node, first, size));
        }
    }

    [Fact]
    public void A_proof_at_ten_million_leaves_reads_a_few_dozen_stored_nodes()
    {
        const long size = 10_000_000;
        var read = MerkleTree.NodesRead(n =>
        {
            MerkleTree.InclusionProof(n, 4_321_987, size);
            MerkleTree.ConsistencyProof(n, 7_654_321, size);
            MerkleTree.Root(n, size);
        });
        Assert.InRange(read.Count, 20, 3 * 64);
        Assert.All(read, r => Assert.True((r.Index + 1) << r.Level <= size, $"node {r} lies past the tree"));
    }
}
