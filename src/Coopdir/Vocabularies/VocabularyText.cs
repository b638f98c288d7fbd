using Coopdir.Core.Organizations;

namespace Coopdir.VocabularyPublishing;

/// <summary>What a relationship type's ends say, in one English sentence, for the page and the SKOS scope note.</summary>
public static class VocabularyText
{
    public static string Ends(RelationshipEnds ends) =>
        $"Subject: {Kinds(ends.SubjectKinds)}. Object: {Kinds(ends.ObjectKinds)}." + (ends.Symmetric ? " Reads the same both ways." : "");

    private static string Kinds(IReadOnlyList<string> kinds) =>
        kinds.Count == 0 ? "any kind" : string.Join(", ", kinds.Select(Vocabularies.Kind.LabelOf));
}
