namespace Coopdir.Core.Relationships;

/// <summary>The words the API, pages, exports and the database use for parties, voices, stances and statuses.</summary>
public static class RelationshipText
{
    public static string Of(RelationshipStatusCode status) => status.ToString().ToLowerInvariant();
    public static string Of(Party party) => party.ToString().ToLowerInvariant();
    public static string Of(Voice voice) => voice.ToString().ToLowerInvariant();
    public static string Of(Stance stance) => stance.ToString().ToLowerInvariant();

    public static readonly IReadOnlyList<string> Statuses = Words<RelationshipStatusCode>();

    /// <summary>The value a word names (exactly as <see cref="Of(Party)"/> and the others write it), or null.</summary>
    public static T? Parse<T>(string? text) where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => v!.Value.ToString().ToLowerInvariant() == text);

    /// <summary>The words of an enum, for error messages and schemas.</summary>
    public static IReadOnlyList<string> Words<T>() where T : struct, Enum => Enum.GetValues<T>().Select(v => v.ToString().ToLowerInvariant()).ToList();
}

public static class RelationshipTypes
{
    public const string MemberOf = "member_of";
    public const string SubsidiaryOf = "subsidiary_of";
    public const string BranchOf = "branch_of";
    public const string FundedBy = "funded_by";

    /// <summary>Whether the subject is part of the object (W3C ORG's subOrganizationOf, Popolo's parent, HSDS's parent organization).</summary>
    public static bool IsPartOf(string type) => type is SubsidiaryOf or BranchOf;
}
