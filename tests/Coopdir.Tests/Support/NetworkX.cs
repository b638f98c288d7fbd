using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Coopdir.Tests.Support;

/// <summary>
/// NetworkX, as Debian packages it (python3-networkx, installed by scripts/install-test-dependencies.sh),
/// reading a GraphML file the way an analyst would: nx.read_graphml. The graph comes back as JSON:
/// whether it is directed and has parallel edges, its nodes with their data, its edges as
/// [source, target, key, data].
/// </summary>
public static class NetworkX
{
    private const string Read = """
        import json, sys
        import networkx as nx
        g = nx.read_graphml(sys.argv[1])
        edges = g.edges(keys=True, data=True) if g.is_multigraph() else [(u, v, d.get("id"), d) for u, v, d in g.edges(data=True)]
        json.dump({"directed": g.is_directed(), "multigraph": g.is_multigraph(),
                   "nodes": dict(g.nodes(data=True)), "edges": [list(e) for e in edges]}, sys.stdout)
        """;

    public static async Task<JsonNode> ReadGraphMlAsync(byte[] graphml)
    {
        var path = CommandLine.TempFile("export.graphml");
        await File.WriteAllBytesAsync(path, graphml);
        // Debian's interpreter, where python3-networkx installs: not whichever python3 comes first on PATH.
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-c", Read, path }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"NetworkX could not read the GraphML: {await errors}");
        return JsonNode.Parse(await output)!;
    }
}
