namespace Coopdir.Core.Payments.Ledger;

/// <summary>
/// The right edge of a Merkle log: the roots of its perfect subtrees, largest first (one per bit of the size).
/// Appending a leaf and computing the new root cost O(log n), so each append can sign its tree head, and a
/// verifier can check every entry's head in one pass.
/// </summary>
public sealed class Frontier
{
    private readonly List<(byte[] Hash, int Height)> nodes = [];

    public long Size { get; private set; }

    public static Frontier Parse(long size, string stored)
    {
        var frontier = new Frontier { Size = size };
        var hashes = stored.Length == 0 ? [] : stored.Split(',');
        var heights = Enumerable.Range(0, 63).Where(bit => (size >> bit & 1) == 1).Reverse().ToList();
        if (hashes.Length != heights.Count) throw new InvalidDataException($"A log frontier of size {size} needs {heights.Count} hashes, not {hashes.Length}.");
        for (var i = 0; i < hashes.Length; i++) frontier.nodes.Add((Convert.FromHexString(hashes[i]), heights[i]));
        return frontier;
    }

    /// <summary>Appends a leaf; answers the perfect subtrees it completes (the leaf itself first), for a store to keep.</summary>
    public List<(int Level, long Index, byte[] Hash)> Append(byte[] leafHash)
    {
        var leaf = Size;
        var completed = new List<(int, long, byte[])> { (0, leaf, leafHash) };
        nodes.Add((leafHash, 0));
        while (nodes.Count > 1 && nodes[^1].Height == nodes[^2].Height)
        {
            var (right, height) = nodes[^1];
            var left = nodes[^2].Hash;
            nodes.RemoveRange(nodes.Count - 2, 2);
            var merged = MerkleTree.NodeHash(left, right);
            nodes.Add((merged, height + 1));
            completed.Add((height + 1, leaf >> (height + 1), merged));
        }
        Size++;
        return completed;
    }

    /// <summary>The tree head's root hash: RFC 9162's MTH of every leaf appended.</summary>
    public byte[] Root()
    {
        if (nodes.Count == 0) return MerkleTree.Root([]);
        var root = nodes[^1].Hash;
        for (var i = nodes.Count - 2; i >= 0; i--) root = MerkleTree.NodeHash(nodes[i].Hash, root);
        return root;
    }

    public override string ToString() => string.Join(',', nodes.Select(n => Convert.ToHexStringLower(n.Hash)));
}
