using System.Security.Cryptography;

namespace Coopdir.Core.Payments.Ledger;

/// <summary>
/// The Merkle tree hash of RFC 9162 (section 2.1): leaf hash SHA-256(0x00 || leaf), node hash
/// SHA-256(0x01 || left || right), a tree of n leaves split at the largest power of two below n; the
/// inclusion proof (PATH) and consistency proof (PROOF) of section 2.1.3 and 2.1.4, and their verification.
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
    public static byte[] Root(IReadOnlyList<byte[]> leaves) => leaves.Count == 0 ? SHA256.HashData([]) : Mth(leaves, 0, leaves.Count);

    /// <summary>PATH(m, D[n]): the audit path of leaf <paramref name="index"/> in the tree of the first <paramref name="size"/> leaves.</summary>
    public static List<byte[]> InclusionProof(IReadOnlyList<byte[]> leaves, long index, long size)
    {
        if (size > leaves.Count || index < 0 || index >= size) throw new ArgumentOutOfRangeException(nameof(index));
        var path = new List<byte[]>();
        Path((int)index, leaves, 0, (int)size, path);
        return path;
    }

    /// <summary>PROOF(m, D[n]): that the tree of the first <paramref name="first"/> leaves is a prefix of the one of <paramref name="second"/>.</summary>
    public static List<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leaves, long first, long second)
    {
        if (second > leaves.Count || first < 1 || first > second) throw new ArgumentOutOfRangeException(nameof(first));
        var proof = new List<byte[]>();
        if (first < second) SubProof((int)first, leaves, 0, (int)second, true, proof);
        return proof;
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

    private static int Split(int n)
    {
        var k = 1;
        while (k << 1 < n) k <<= 1;
        return k;
    }

    private static byte[] Mth(IReadOnlyList<byte[]> leaves, int start, int n)
    {
        if (n == 1) return leaves[start];
        var k = Split(n);
        return NodeHash(Mth(leaves, start, k), Mth(leaves, start + k, n - k));
    }

    private static void Path(int m, IReadOnlyList<byte[]> leaves, int start, int n, List<byte[]> path)
    {
        if (n == 1) return;
        var k = Split(n);
        if (m < k)
        {
            Path(m, leaves, start, k, path);
            path.Add(Mth(leaves, start + k, n - k));
        }
        else
        {
            Path(m - k, leaves, start + k, n - k, path);
            path.Add(Mth(leaves, start, k));
        }
    }

    private static void SubProof(int m, IReadOnlyList<byte[]> leaves, int start, int n, bool whole, List<byte[]> proof)
    {
        if (m == n)
        {
            if (!whole) proof.Add(Mth(leaves, start, n));
            return;
        }
        var k = Split(n);
        if (m <= k)
        {
            SubProof(m, leaves, start, k, whole, proof);
            proof.Add(Mth(leaves, start + k, n - k));
        }
        else
        {
            SubProof(m - k, leaves, start + k, n - k, false, proof);
            proof.Add(Mth(leaves, start, k));
        }
    }
}
