using Coopdir.Core.Organizations;

namespace Coopdir.Core.Imports;

/// <summary>Something wrong with one row of an input file: its line, the column or field, and why.</summary>
public sealed record RowError(int Line, string Field, string Message)
{
    public override string ToString() => $"line {Line}: {Field}: {Message}";
}

/// <summary>A valid row, ready to write. <see cref="SourceRecordId"/> is the row's identifier within its source.</summary>
public sealed record ImportRecord(int Line, string SourceRecordId, OrganizationContent Content);

/// <summary>A row that failed validation, kept with its original cells so it can be saved and fixed.</summary>
public sealed record RejectedRow(int Line, IReadOnlyList<string> Cells, IReadOnlyList<RowError> Errors);

/// <summary>What a reader made of a whole file: every valid record and every rejected row.</summary>
public sealed record ParsedFile(
    IReadOnlyList<string> Header,
    IReadOnlyList<ImportRecord> Records,
    IReadOnlyList<RejectedRow> Rejected,
    IReadOnlyList<RowError> FileErrors)
{
    public IEnumerable<RowError> AllErrors => FileErrors.Concat(Rejected.SelectMany(r => r.Errors));
    public int RowCount => Records.Count + Rejected.Count;

    /// <summary>What a <see cref="RowError.Line"/> counts: lines of a CSV, or features of a GeoJSON file.</summary>
    public string RowName { get; init; } = "line";

    public static ParsedFile Failed(params RowError[] errors) => new([], [], [], errors);
}

public enum ImportFormat { EssglobalCsv, CoopsUk, Csv, GeoJson, Jsonl }
