using Coopdir.Core.Edits;
using Coopdir.Core.Relationships;
using Coopdir.Core.Sources;

namespace Coopdir.Edits;

public static class EditServices
{
    /// <summary>
    /// The rules of peer production (direct edits, proposals, review, revert; relationships, and those
    /// organizations publish; the duplicates queue's decisions), shared by Edits, Review, History, Relationships and Duplicates.
    /// </summary>
    public static IServiceCollection AddEdits(this IServiceCollection services) =>
        services.AddSingleton<OrganizationEdits>().AddSingleton<RelationshipEdits>().AddSingleton<PublishedRelationshipReader>()
            .AddSingleton<DuplicateDecisions>();
}
