using Coopdir.Core.Edits;

namespace Coopdir.Review;

/// <summary>A proposal named by what it is about, as every page that lists or shows one says it.</summary>
public static class ProposalText
{
    /// <summary>"Edit to Suma Wholefoods", "New organization: Suma Wholefoods", "Merge of A into B", "Removal of A".</summary>
    public static string Title(Proposal p) => p.Action switch
    {
        ProposalActions.Create => $"New organization: {p.OrganizationName ?? "(no name)"}",
        ProposalActions.Merge => $"Merge of {Name(p.OrganizationName, p.OrganizationId)} into {Name(p.MergeIntoName, p.MergeInto)}",
        ProposalActions.Delete => $"Removal of {Name(p.OrganizationName, p.OrganizationId)}",
        ProposalActions.Relate => $"New relationship of {Name(p.OrganizationName, p.OrganizationId)}",
        _ => $"Edit to {Name(p.OrganizationName, p.OrganizationId)}",
    };

    public static string Status(string status) => status.Replace('_', ' ');

    // A record merged away or removed since has no name to show; its id still leads to what became of it.
    private static string Name(string? name, long? id) => name ?? (id is null ? "an organization" : $"organization {id}");
}
