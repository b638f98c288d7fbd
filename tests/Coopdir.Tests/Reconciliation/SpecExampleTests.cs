using System.Text.Json.Nodes;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Reconciliation;

/// <summary>
/// The validator the reconciliation tests trust, proved on the specification's own examples: every valid
/// example passes its schema and every invalid one fails it, in both versions.
/// </summary>
public sealed class SpecExampleTests
{
    public static TheoryData<string, string, string, bool> Examples()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (var version in new[] { "0.2", "1.0-draft" })
        {
            var root = CommandLine.DataFile("reconciliation-api-specs", version);
            foreach (var folder in Directory.GetDirectories(Path.Combine(root, "examples")).Order())
            {
                var schema = Path.GetFileName(folder) + ".json";
                // Examples of parts with no schema of their own (flyouts, previews, security schemes) are not checked upstream either.
                if (!File.Exists(Path.Combine(root, "schemas", schema))) continue;
                foreach (var (kind, valid) in new[] { ("valid", true), ("invalid", false) })
                    if (Directory.Exists(Path.Combine(folder, kind)))
                        foreach (var file in Directory.GetFiles(Path.Combine(folder, kind), "*.json").Order())
                            data.Add(version, schema, Path.GetRelativePath(root, file), valid);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_specification_examples_pass_or_fail_as_labelled(string version, string schema, string example, bool valid)
    {
        var schemas = version == "0.2" ? OfficialSchemas.Reconciliation02 : OfficialSchemas.Reconciliation10;
        var instance = JsonNode.Parse(File.ReadAllText(CommandLine.DataFile("reconciliation-api-specs", version, example)));
        var errors = schemas.Errors(schema, instance);
        Assert.True(valid == (errors.Count == 0), $"{example} should be {(valid ? "valid" : "invalid")} against {schema}: {string.Join("; ", errors)}");
    }

    [Fact]
    public void There_are_invalid_examples_for_both_versions()
    {
        var examples = Examples().Select(row => ((string)row[0], (bool)row[3])).ToList();
        Assert.Contains(("0.2", false), examples);
        Assert.Contains(("1.0-draft", false), examples);
        Assert.True(examples.Count > 80, $"{examples.Count} examples");
    }
}
