using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Currencies;

/// <summary>Who issues a community currency and where it is accepted, from the relationships naming it.</summary>
public static class Acceptance
{
    public const string IssuesCurrency = "issues_currency";
    public const string AcceptsCurrency = "accepts_currency";

    public static bool IsCurrency(Organization o) => o.Content.Kind == CurrencyFacets.Kind;

    /// <summary>
    /// The organizations that accept the currency: only where both sides said so (the business and the
    /// currency, confirmed or corroborated), since one side's word is not enough to send anyone to spend it.
    /// </summary>
    public static IEnumerable<RelationshipView> AcceptedBy(Organization currency) =>
        currency.Relationships.Where(r => r.ObjectId == currency.Id && r.Type == AcceptsCurrency
            && r.State.Status is RelationshipStatusCode.Confirmed or RelationshipStatusCode.Corroborated);

    public static IReadOnlySet<long> AcceptingIds(Organization currency) => AcceptedBy(currency).Select(r => r.SubjectId).ToHashSet();

    /// <summary>Its issuers now: issues_currency relationships neither ended nor disputed.</summary>
    public static IEnumerable<RelationshipView> IssuedBy(Organization currency) =>
        currency.Relationships.Where(r => r.ObjectId == currency.Id && r.Type == IssuesCurrency && r.IsCurrent);
}
