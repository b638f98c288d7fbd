using Coopdir.Core.Organizations;

namespace Coopdir.Core.Sources;

/// <summary>
/// What one source says about one organization: the whole record as the source's row gave it, with
/// the vintage (the date the source's file describes) it came from.
/// </summary>
public sealed record SourceClaim(long SourceId, string SourceName, string RecordId, string? Vintage, OrganizationContent Content);

/// <summary>A field a person set: the revision that set it, who, and when.</summary>
public sealed record FieldEdit(string Field, int Revision, string Author, DateTimeOffset At);

/// <summary>Where a field's value came from: a source's record (and its vintage) or a person's edit.</summary>
public sealed record FieldOrigin(
    string Kind, long? SourceId = null, string? Source = null, string? Vintage = null, string? RecordId = null,
    int? Revision = null, string? Author = null, DateTimeOffset? At = null)
{
    public const string FromSource = "source", FromEdit = "edit", Unknown = "unknown";

    public static FieldOrigin Of(SourceClaim c) => new(FromSource, c.SourceId, c.SourceName, c.Vintage, c.RecordId);
    public static FieldOrigin Of(FieldEdit e) => new(FromEdit, Revision: e.Revision, Author: e.Author, At: e.At);

    /// <summary>"Co-operatives UK 2023 (2023-06-30)", "edited by alice on 2026-11-30".</summary>
    public override string ToString() => Kind switch
    {
        FromSource => Vintage is null ? Source! : $"{Source} ({Vintage})",
        FromEdit => $"edited by {Author} on {At:yyyy-MM-dd}",
        _ => "recorded before provenance was kept",
    };
}

/// <summary>A value a field does not show because another origin outranked it, kept so readers see the disagreement.</summary>
public sealed record FieldAlternative(FieldOrigin Origin, System.Text.Json.Nodes.JsonNode Value);

/// <summary>
/// One field's provenance: where its value came from, which other sources say the same, what the
/// ones that disagree say, and when the value was last confirmed (the newest vintage or edit behind it).
/// </summary>
public sealed record FieldProvenance(
    string Field, FieldOrigin Origin, IReadOnlyList<FieldOrigin> Agreeing, IReadOnlyList<FieldAlternative> Alternatives, string? ConfirmedOn);
