using Coopdir.Core.Organizations;

namespace Coopdir.Core.Reconciliation;

/// <summary>A property value a query gives: the property's id (see <see cref="ReconcileProperties"/>) and its values.</summary>
public sealed record QueryProperty(string Id, IReadOnlyList<string> Values);

/// <summary>
/// One validated reconciliation query, whichever version of the protocol it came in: the name to
/// match (none when only properties are given), the kinds to look among (none: any), how many
/// candidates to return, and the properties that weigh for or against each candidate.
/// </summary>
public sealed record ReconcileQuery(string? Text, IReadOnlyList<string> Kinds, int Limit, IReadOnlyList<QueryProperty> Properties)
{
    public const int DefaultLimit = 5, MaxLimit = 25, MaxTextLength = Input.InputLimits.ReconcileText, MaxProperties = Input.InputLimits.ReconcileProperties,
        MaxValues = Input.InputLimits.ReconcileValues, MaxValueLength = Input.InputLimits.ReconcileText;
}

/// <summary>How one property compared with a candidate: 0 (disagrees) to 1 (agrees).</summary>
public sealed record Feature(string Id, string Name, double Value);

/// <summary>An organization that may be what a query names, scored 0–100 with the features behind the score.</summary>
public sealed record ReconcileCandidate(long Id, string Slug, string Name, string Kind, string? Description, double Score, bool Match,
    IReadOnlyList<Feature> Features)
{
    public string KindLabel => Vocabularies.Kind.LabelOf(Kind);
}
