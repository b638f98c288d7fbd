namespace Coopdir.Core.PdfTables;

/// <summary>Disjoint sets over 0..n-1: which grid squares make one cell, which cells make one table.</summary>
internal sealed class UnionFind(int count)
{
    private readonly int[] parent = Enumerable.Range(0, count).ToArray();

    public int Find(int item)
    {
        while (parent[item] != item) item = parent[item] = parent[parent[item]];
        return item;
    }

    public void Join(int a, int b) => parent[Find(a)] = Find(b);
}
