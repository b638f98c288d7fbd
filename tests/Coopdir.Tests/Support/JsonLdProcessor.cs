using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Coopdir.Tests.Support;

/// <summary>
/// jsonld.js, the reference JSON-LD processor, run by node from tests/jsonld (installed by
/// scripts/install-test-dependencies.sh). There is no JSON-LD processor for .NET in our package mirror.
/// </summary>
public static class JsonLdProcessor
{
    public static async Task<JsonArray> ExpandAsync(string document)
    {
        var folder = Path.Combine(Repository.Root, "tests", "jsonld");
        var start = new ProcessStartInfo("node", Path.Combine(folder, "expand.mjs"))
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(document);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"jsonld.js could not expand the document: {await errors}");
        return JsonNode.Parse(await output)!.AsArray();
    }
}
