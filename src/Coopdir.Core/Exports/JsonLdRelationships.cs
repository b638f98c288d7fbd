using System.Text.Json.Nodes;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Exports;

/// <summary>
/// An organization's relationships in its JSON-LD node (terms in <see cref="JsonLdExport.Context"/>).
/// Plain links say what holds now (a relationship neither ended nor disputed), from either end:
/// org:memberOf / org:hasMember; schema:parentOrganization and org:subOrganizationOf on a subsidiary or
/// branch, org:hasSubOrganization and schema:subOrganization on what it is part of; org:linkedTo for every
/// other type, which ORG has no narrower term for. Each of its own memberships, current or not, is also a
/// qualified org:Membership (ORG's n-ary membership) with its dates as an OWL-Time interval and its status.
/// </summary>
internal static class JsonLdRelationships
{
    public static void Add(JsonObject node, Organization o, ExportContext context)
    {
        Link(node, "memberOf", o.Networks.Select(r => r.ObjectId), context);
        Link(node, "hasMember", o.Members.Select(r => r.SubjectId), context);
        var parents = o.Parents.Select(r => r.ObjectId).ToList();
        Link(node, "parentOrganization", parents, context);
        Link(node, "subOrganizationOf", parents, context);
        var parts = o.Parts.Select(r => r.SubjectId).ToList();
        Link(node, "hasSubOrganization", parts, context);
        Link(node, "subOrganization", parts, context);
        Link(node, "linkedTo", o.Relationships
            .Where(r => r.IsCurrent && r.Type != RelationshipTypes.MemberOf && !RelationshipTypes.IsPartOf(r.Type))
            .Select(r => r.OtherThan(o.Id)), context);
        var memberships = o.Outgoing.Where(r => r.Type == RelationshipTypes.MemberOf).Select(r => (JsonNode?)Membership(r, context)).ToArray();
        if (memberships.Length > 0) node["hasMembership"] = new JsonArray(memberships);
    }

    private static void Link(JsonObject node, string term, IEnumerable<long> ids, ExportContext context)
    {
        var urls = ids.Distinct().Select(context.OrganizationUrl).ToList();
        if (urls.Count > 0) node[term] = JsonLdExport.Strings(urls);
    }

    private static JsonObject Membership(RelationshipView r, ExportContext context)
    {
        var membership = new JsonObject
        {
            ["@id"] = context.RelationshipUrl(r.Id),
            ["@type"] = "Membership",
            ["member"] = context.OrganizationUrl(r.SubjectId),
            ["organization"] = context.OrganizationUrl(r.ObjectId),
        };
        // A side that said it ended, without saying when, ended it on the day it said so.
        var end = r.EndDate ?? r.State.EndedAt?.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (r.StartDate is not null || end is not null)
        {
            var interval = new JsonObject { ["@type"] = "Interval" };
            if (r.StartDate is not null) interval["hasBeginning"] = Instant(r.StartDate);
            if (end is not null) interval["hasEnd"] = Instant(end);
            membership["memberDuring"] = interval;
        }
        membership["status"] = RelationshipText.Of(r.State.Status);
        return membership;
    }

    /// <summary>A partial date as OWL-Time says it: a year, a year and month, or a date.</summary>
    private static JsonObject Instant(string date) => new()
    {
        ["@type"] = "Instant",
        [date.Length switch { 4 => "inXSDgYear", 7 => "inXSDgYearMonth", _ => "inXSDDate" }] = date,
    };
}
