namespace Coopdir.Core.Edits;

/// <summary>
/// What a record's field is called where people read it (history, proposal comparisons), rather than its
/// snapshot name: "Founded" for founded_on. A field without a label of its own (one added later) reads as
/// its name in words, never as nothing.
/// </summary>
public static class FieldLabels
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["name"] = "Name",
        ["alternate_names"] = "Also known as",
        ["kind"] = "Kind",
        ["types"] = "Cooperative type",
        ["sector"] = "Sector",
        ["description"] = "Description",
        ["descriptions_by_language"] = "Descriptions in other languages",
        ["status"] = "Status",
        ["founded_on"] = "Founded",
        ["dissolved_on"] = "Dissolved",
        ["website"] = "Website",
        ["email"] = "Public email",
        ["phone"] = "Public phone",
        ["counts"] = "Members and workers",
        ["locations"] = "Locations",
        ["identifiers"] = "Identifiers",
        ["classifications"] = "Classifications",
        ["relationships"] = "Relationships",
        ["solution"] = "Shared solution",
    };

    public static string Of(string field) =>
        Labels.TryGetValue(field, out var label) ? label
        : field.Length == 0 ? field
        : char.ToUpperInvariant(field[0]) + field[1..].Replace('_', ' ');
}
