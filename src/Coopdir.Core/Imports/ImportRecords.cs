using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Imports;

/// <summary>Something wrong with one row of an input file: its line, the column or field, and why.</summary>
public sealed record RowError(int Line, string Field, string Message)
{
    public override string ToString() => $"line {Line}: {Field}: {Message}";
}

/// <summary>A valid row, ready to write. <see cref="SourceRecordId"/> is the row's identifier within its source.</summary>
public sealed record ImportRecord(int Line, string SourceRecordId, OrganizationContent Content);

/// <summary>
/// A relationship the file states between two of its own records, by their <see cref="ImportRecord.SourceRecordId"/>s:
/// the subject stands to the object as <paramref name="Type"/> says (a relationship type's code), and the
/// file speaks for <paramref name="Party"/>: <see cref="Party.Object"/> when it is the object's own list (a
/// network's published members), <see cref="Party.Third"/> when it only reports it.
/// </summary>
public sealed record ImportLink(int Line, string SubjectRecordId, string Type, string ObjectRecordId, Party Party);

/// <summary>A row that failed validation, kept with its original cells so it can be saved and fixed.</summary>
public sealed record RejectedRow(int Line, IReadOnlyList<string> Cells, IReadOnlyList<RowError> Errors);

/// <summary>What a reader made of a whole file: every valid record and every rejected row.</summary>
public sealed record ParsedFile(
    IReadOnlyList<string> Header,
    IReadOnlyList<ImportRecord> Records,
    IReadOnlyList<RejectedRow> Rejected,
    IReadOnlyList<RowError> FileErrors)
{
    /// <summary>Relationships between the file's records, written after the records (see <see cref="ImportLinks"/>).</summary>
    public IReadOnlyList<ImportLink> Links { get; init; } = [];

    public IEnumerable<RowError> AllErrors => FileErrors.Concat(Rejected.SelectMany(r => r.Errors));
    public int RowCount => Records.Count + Rejected.Count;

    /// <summary>What a <see cref="RowError.Line"/> counts: lines of a CSV, or features of a GeoJSON file.</summary>
    public string RowName { get; init; } = "line";

    public static ParsedFile Failed(params RowError[] errors) => new([], [], [], errors);
}

public enum ImportFormat { EssglobalCsv, CoopsUk, Csv, GeoJson, Jsonl, BrigadeInformation, GovernmentGithub, Popolo, DpgRegistry, PublicCode }
