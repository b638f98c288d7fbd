using Coopdir.Core.Edits;
using Coopdir.Core.Relationships;

namespace Coopdir.Edits;

public static class EditServices
{
    /// <summary>
    /// The rules of peer production (direct edits, proposals, review, revert; relationships, and those
    /// organizations publish), shared by Edits, Review, History and Relationships.
    /// </summary>
    public static IServiceCollection AddEdits(this IServiceCollection services) =>
        services.AddSingleton<OrganizationEdits>().AddSingleton<RelationshipEdits>().AddSingleton<PublishedRelationshipReader>();
}
