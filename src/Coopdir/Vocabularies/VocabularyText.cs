using Coopdir.Core.Organizations;

namespace Coopdir.VocabularyPublishing;

/// <summary>What a relationship type's ends say, in one English sentence, for the page and the SKOS scope note.</summary>
public static class VocabularyText
{
    public static string Ends(RelationshipEnds ends) =>
        $"Subject: {RelationshipEnds.Describe(ends.SubjectKinds)}. Object: {RelationshipEnds.Describe(ends.ObjectKinds)}." + (ends.Symmetric ? " Reads the same both ways." : "");
}
