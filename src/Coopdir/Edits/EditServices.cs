using Coopdir.Core.Edits;

namespace Coopdir.Edits;

public static class EditServices
{
    /// <summary>The rules of peer production (direct edits, proposals, review, revert), shared by Edits, Review and History.</summary>
    public static IServiceCollection AddEdits(this IServiceCollection services) => services.AddSingleton<OrganizationEdits>();
}
