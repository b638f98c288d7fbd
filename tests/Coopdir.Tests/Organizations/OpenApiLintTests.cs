using System.Diagnostics;
using System.Text.Json;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Organizations;

/// <summary>
/// The served OpenAPI document passes Spectral's standard ruleset (spectral:oas) with no error, and every operation
/// has an id and a description (tests/openapi-lint/.spectral.yaml makes those two rules errors).
/// </summary>
public sealed class OpenApiLintTests : SiteTest
{
    [Fact]
    public async Task The_openapi_document_lints_clean_with_spectral()
    {
        var document = Path.Combine(Path.GetTempPath(), $"coopdir-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await Site.Http.GetStringAsync("/openapi/v1.json"));
        try
        {
            var folder = Path.Combine(Repository.Root, "tests", "openapi-lint");
            var start = new ProcessStartInfo("node", [Path.Combine(folder, "node_modules", "@stoplight", "spectral-cli", "dist", "index.js"),
                "lint", "--ruleset", Path.Combine(folder, ".spectral.yaml"), "--format", "json", "--fail-severity", "error", document])
            {
                WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            // Spectral's JSON lists each finding with a severity: 0 is an error.
            var findings = JsonDocument.Parse(await output).RootElement.EnumerateArray()
                .Where(f => f.GetProperty("severity").GetInt32() == 0)
                .Select(f => $"{f.GetProperty("code").GetString()} at {string.Join('.', f.GetProperty("path").EnumerateArray())}: {f.GetProperty("message").GetString()}")
                .ToList();
            Assert.True(findings.Count == 0 && process.ExitCode == 0, $"exit {process.ExitCode}: {string.Join("\n", findings)} {await errors}");
        }
        finally
        {
            File.Delete(document);
        }
    }
}
