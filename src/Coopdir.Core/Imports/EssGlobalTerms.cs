using Coopdir.Core.Organizations;

namespace Coopdir.Core.Imports;

/// <summary>
/// Turns ESSGlobal concepts (organisational structure, ICA activity, base membership type) into
/// Coopdir's kind, types, sector and classifications, the same way for every format that carries them.
/// </summary>
internal static class EssGlobalTerms
{
    /// <summary>Most structures (society, company, CIC...) say nothing about kind; the directory is of co-ops.</summary>
    public const string DefaultKind = "cooperative";

    /// <summary>Resolves each URI (or bare code) in the cell; an unknown one is a row error naming the column.</summary>
    public static IReadOnlyList<EssGlobalConcept> Resolve(CsvRow row, string column, string scheme, string separator = ";")
    {
        var concepts = new List<EssGlobalConcept>();
        foreach (var value in row.List(column, separator))
        {
            var concept = EssGlobal.Resolve(scheme, value);
            if (concept is null) row.Error(column, $"'{value}' is not a known {EssGlobal.PathOf(scheme)} URI");
            else concepts.Add(concept);
        }
        return concepts;
    }

    /// <summary>Like <see cref="Resolve"/> for columns that hold a single URI.</summary>
    public static EssGlobalConcept? ResolveOne(CsvRow row, string column, string scheme)
    {
        var concepts = Resolve(row, column, scheme);
        if (concepts.Count > 1) row.Error(column, $"holds {concepts.Count} URIs but takes one");
        return concepts.FirstOrDefault();
    }

    public static string KindOf(IEnumerable<EssGlobalConcept> structures) =>
        structures.Select(s => EssGlobal.MapTo(Vocabularies.Kind, s)).FirstOrDefault(k => k is not null) ?? DefaultKind;

    /// <summary>Structures and membership types say who owns a co-op; ICA140/150 activities mark financial ones.</summary>
    public static IReadOnlyList<string> TypesOf(IEnumerable<EssGlobalConcept?> concepts) =>
        concepts.OfType<EssGlobalConcept>().Select(c => EssGlobal.MapTo(Vocabularies.Type, c)).OfType<string>().Distinct().ToList();

    public static string? SectorOf(EssGlobalConcept? activity) =>
        activity is null ? null : EssGlobal.MapTo(Vocabularies.Sector, activity);

    public static IEnumerable<Classification> Classify(IEnumerable<EssGlobalConcept?> concepts) =>
        concepts.OfType<EssGlobalConcept>().Select(c => new Classification(c.Scheme, c.Code));
}
