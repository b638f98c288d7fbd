using Coopdir.Core.Organizations;

namespace Coopdir.Core.Relationships;

/// <summary>
/// The rules every relationship obeys, whoever writes it (a person through the API, an import, a
/// mirror): a known type, plausible dates in order, a short plain note, and assertions that say who
/// spoke, with an http(s) evidence URL. Kinds at the ends are checked where both organizations are
/// known (<see cref="RelationshipDraft.Validate"/>).
/// </summary>
public static class RelationshipRules
{
    public const int MaxNoteLength = 2_000;
    public const int MaxUrlLength = 2_000;
    public const int MaxSpeakerLength = 300;
    public const int MaxAssertions = 200;
    /// <summary>How many statements one voice may make on one relationship: well below <see cref="MaxAssertions"/>, so no one voice can fill it and silence the others.</summary>
    public const int MaxPerVoice = 20;

    public static void Check(Relationship r, string prefix, Action<string, string> add)
    {
        if (r.ObjectId <= 0) add($"{prefix}.object_id", "must be the id of an organization");
        CheckType(r.Type, $"{prefix}.type", add);
        CheckFields(r.StartDate, r.EndDate, r.Note, prefix, add);
        if (r.Assertions.Count == 0) add($"{prefix}.assertions", "must hold at least the assertion that proposed it");
        if (r.Assertions.Count > MaxAssertions) add($"{prefix}.assertions", $"has more than {MaxAssertions} entries");
        for (var i = 0; i < r.Assertions.Count; i++)
        {
            var a = r.Assertions[i];
            var at = $"{prefix}.assertions[{i}]";
            if (string.IsNullOrWhiteSpace(a.Speaker)) add($"{at}.speaker", "is required");
            else if (a.Speaker.Length > MaxSpeakerLength) add($"{at}.speaker", $"is longer than {MaxSpeakerLength} characters");
            else if (PlainText.Problem(a.Speaker) is { } problem) add($"{at}.speaker", problem);
            CheckUrl(a.EvidenceUrl, $"{at}.evidence_url", add);
        }
    }

    public static bool CheckType(string type, string field, Action<string, string> add)
    {
        if (Vocabularies.Relationship.Terms.Any(t => t.Code == type)) return true;
        add(field, $"'{type}' is not a relationship type ({string.Join(", ", Vocabularies.Relationship.Terms.Select(t => t.Code))})");
        return false;
    }

    /// <summary>Dates (partial allowed, the end not before the start) and the note.</summary>
    public static void CheckFields(string? start, string? end, string? note, string prefix, Action<string, string> add)
    {
        var at = prefix.Length == 0 ? "" : prefix + ".";
        OrganizationValidator.CheckDate(start, $"{at}start_date", add);
        OrganizationValidator.CheckDate(end, $"{at}end_date", add);
        if (OrganizationValidator.EndsBefore(start, end)) add($"{at}end_date", $"{end} is before the start date {start}");
        if (note is { Length: > MaxNoteLength }) add($"{at}note", $"is longer than {MaxNoteLength} characters");
        else if (PlainText.Problem(note) is { } problem) add($"{at}note", problem);
    }

    /// <summary>An evidence URL: absolute http(s), of a sensible length.</summary>
    public static void CheckUrl(string? url, string field, Action<string, string> add)
    {
        if (url is null) return;
        if (url.Length > MaxUrlLength) add(field, $"is longer than {MaxUrlLength} characters");
        else if (!OrganizationValidator.IsWebUrl(url)) add(field, $"'{url}' is not an absolute http(s) URL");
    }
}
