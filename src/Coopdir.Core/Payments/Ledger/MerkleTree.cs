using System.Numerics;
using System.Security.Cryptography;

namespace Coopdir.Core.Payments.Ledger;

/// <summary>The hash of the perfect subtree of 2^<paramref name="level"/> leaves starting at leaf index × 2^level (level 0: a leaf hash).</summary>
public delegate byte[] PerfectNode(int level, long index);

/// <summary>
/// The Merkle tree hash of RFC 9162 (section 2.1): leaf hash SHA-256(0x00 || leaf), node hash
/// SHA-256(0x01 || left || right), a tree of n leaves split at the largest power of two below n; the
/// inclusion proof (PATH) and consistency proof (PROOF) of section 2.1.3 and 2.1.4, and their verification.
/// Proofs and roots are computed over the leaf hashes, or over stored perfect subtrees (<see cref="PerfectNode"/>):
/// then a proof reads O(log n) hashes, whatever the size of the log.
/// </summary>
public static class MerkleTree
{
    public static byte[] LeafHash(ReadOnlySpan<byte> leaf)
    {
        Span<byte> input = leaf.Length < 4096 ? stackalloc byte[leaf.Length + 1] : new byte[leaf.Length + 1];
        input[0] = 0;
        leaf.CopyTo(input[1..]);
        return SHA256.HashData(input);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[65];
        input[0] = 1;
        left.CopyTo(input[1..]);
        right.CopyTo(input[33..]);
        return SHA256.HashData(input);
    }

    /// <summary>MTH of the leaf hashes: the hash of the empty string for none.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves) => leaves.Count == 0 ? SHA256.HashData([]) : Mth(FromLeaves(leaves), 0, leaves.Count);

    /// <summary>MTH of the first <paramref name="size"/> leaves (at least one), from the perfect subtrees that make it.</summary>
    public static byte[] Root(PerfectNode node, long size) => Mth(node, 0, size);

    /// <summary>PATH(m, D[n]): the audit path of leaf <paramref name="index"/> in the tree of the first <paramref name="size"/> leaves.</summary>
    public static List<byte[]> InclusionProof(IReadOnlyList<byte[]> leaves, long index, long size)
    {
        if (size > leaves.Count) throw new ArgumentOutOfRangeException(nameof(size));
        return InclusionProof(FromLeaves(leaves), index, size);
    }

    public static List<byte[]> InclusionProof(PerfectNode node, long index, long size)
    {
        if (index < 0 || index >= size) throw new ArgumentOutOfRangeException(nameof(index));
        var path = new List<byte[]>();
        Path(node, index, 0, size, path);
        return path;
    }

    /// <summary>PROOF(m, D[n]): that the tree of the first <paramref name="first"/> leaves is a prefix of the one of <paramref name="second"/>.</summary>
    public static List<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leaves, long first, long second)
    {
        if (second > leaves.Count) throw new ArgumentOutOfRangeException(nameof(second));
        return ConsistencyProof(FromLeaves(leaves), first, second);
    }

    public static List<byte[]> ConsistencyProof(PerfectNode node, long first, long second)
    {
        if (first < 1 || first > second) throw new ArgumentOutOfRangeException(nameof(first));
        var proof = new List<byte[]>();
        if (first < second) SubProof(node, first, 0, second, true, proof);
        return proof;
    }

    /// <summary>
    /// The perfect subtrees a computation reads, found by running it once over placeholder hashes: RFC 9162's recursions
    /// choose their subtrees by sizes alone, never by hash values, so a store can fetch exactly these in one query.
    /// </summary>
    public static HashSet<(int Level, long Index)> NodesRead(Action<PerfectNode> computation)
    {
        var read = new HashSet<(int, long)>();
        var placeholder = new byte[32];
        computation((level, index) => { read.Add((level, index)); return placeholder; });
        return read;
    }

    /// <summary>RFC 9162 section 2.1.3.2.</summary>
    public static bool VerifyInclusion(byte[] leafHash, long index, long size, IReadOnlyList<byte[]> path, byte[] root)
    {
        if (index < 0 || index >= size) return false;
        long fn = index, sn = size - 1;
        var r = leafHash;
        foreach (var p in path)
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                    while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else r = NodeHash(r, p);
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>RFC 9162 section 2.1.4.2.</summary>
    public static bool VerifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot, IReadOnlyList<byte[]> proof)
    {
        if (first < 1 || first > second) return false;
        if (first == second) return proof.Count == 0 && firstRoot.AsSpan().SequenceEqual(secondRoot);
        if (proof.Count == 0) return false;
        var path = IsPowerOfTwo(first) ? new[] { firstRoot }.Concat(proof).ToList() : proof.ToList();
        long fn = first - 1, sn = second - 1;
        while ((fn & 1) == 1) { fn >>= 1; sn >>= 1; }
        byte[] fr = path[0], sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                    while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else sr = NodeHash(sr, c);
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }

    private static bool IsPowerOfTwo(long n) => (n & (n - 1)) == 0;

    /// <summary>The largest power of two below <paramref name="n"/> (n ≥ 2): where RFC 9162 splits a tree.</summary>
    private static long Split(long n)
    {
        long k = 1;
        while (k << 1 < n) k <<= 1;
        return k;
    }

    /// <summary>
    /// MTH of the <paramref name="n"/> leaves from <paramref name="start"/>. Every range RFC 9162's recursions ask for starts at
    /// a multiple of its largest power of two, so it is the perfect subtrees of n's binary digits, largest first.
    /// </summary>
    private static byte[] Mth(PerfectNode node, long start, long n)
    {
        if (IsPowerOfTwo(n)) return node(BitOperations.Log2((ulong)n), start / n);
        var k = Split(n);
        return NodeHash(Mth(node, start, k), Mth(node, start + k, n - k));
    }

    private static PerfectNode FromLeaves(IReadOnlyList<byte[]> leaves) => (level, index) => Perfect(leaves, index << level, 1L << level);

    private static byte[] Perfect(IReadOnlyList<byte[]> leaves, long start, long n) =>
        n == 1 ? leaves[(int)start] : NodeHash(Perfect(leaves, start, n / 2), Perfect(leaves, start + n / 2, n / 2));

    private static void Path(PerfectNode node, long m, long start, long n, List<byte[]> path)
    {
        if (n == 1) return;
        var k = Split(n);
        if (m < k)
        {
            Path(node, m, start, k, path);
            path.Add(Mth(node, start + k, n - k));
        }
        else
        {
            Path(node, m - k, start + k, n - k, path);
            path.Add(Mth(node, start, k));
        }
    }

    private static void SubProof(PerfectNode node, long m, long start, long n, bool whole, List<byte[]> proof)
    {
        if (m == n)
        {
            if (!whole) proof.Add(Mth(node, start, n));
            return;
        }
        var k = Split(n);
        if (m <= k)
        {
            SubProof(node, m, start, k, whole, proof);
            proof.Add(Mth(node, start + k, n - k));
        }
        else
        {
            SubProof(node, m - k, start + k, n - k, false, proof);
            proof.Add(Mth(node, start, k));
        }
    }
}
