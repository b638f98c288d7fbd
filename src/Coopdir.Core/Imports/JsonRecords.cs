using Coopdir.Core.Organizations;

namespace Coopdir.Core.Imports;

/// <summary>
/// Collects the records of a JSON or YAML reader into a <see cref="ParsedFile"/>: checks each source record
/// id is unique within the file and runs <see cref="OrganizationValidator"/>. A rejected record keeps its
/// text as its one cell, so <c>--skip-invalid</c> saves it beside its reasons.
/// </summary>
internal sealed class JsonRecords(string rowName)
{
    public const string Column = "record";
    private readonly List<ImportRecord> records = [];
    private readonly List<RejectedRow> rejected = [];
    private readonly Dictionary<string, int> lineOfId = new(StringComparer.Ordinal);

    public bool Contains(string id) => lineOfId.ContainsKey(id);

    /// <param name="errors">What the reader found wrong with the record already.</param>
    public void Add(int line, string id, OrganizationContent content, string text, List<RowError> errors)
    {
        if (!lineOfId.TryAdd(id, line)) errors.Add(new RowError(line, "id", $"'{id}' is already the id of {rowName} {lineOfId[id]}"));
        var reported = errors.Select(e => e.Field).ToHashSet();
        errors.AddRange(OrganizationValidator.Validate(content).Where(e => !reported.Contains(e.Field)).Select(e => new RowError(line, e.Field, e.Message)));
        if (errors.Count == 0) records.Add(new ImportRecord(line, id, content));
        else rejected.Add(new RejectedRow(line, [text], errors));
    }

    public void Reject(int line, string text, params RowError[] errors) => rejected.Add(new RejectedRow(line, [text], errors));

    public ParsedFile Build(IReadOnlyList<ImportLink> links) =>
        new ParsedFile([Column], records, [.. rejected.OrderBy(r => r.Line)], []) { RowName = rowName, Links = links };

    public static ParsedFile Failed(string rowName, string message) =>
        ParsedFile.Failed(new RowError(0, "file", message)) with { RowName = rowName };
}
