using System.Text;
using System.Xml;
using System.Xml.Schema;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Exports;

/// <summary>
/// GraphML (graphml.graphdrawing.org), directed: a node per matching organization, and per organization
/// outside the matches that their relationships point to (selected = false); an edge per relationship
/// whose subject matches, from subject to object, its id the relationship's, with type, status and dates
/// as data. Node ids are organization ids. Readers expect the nodes before the edges, so the store is read
/// twice, as Popolo's is: once for the nodes (noting the objects outside the matches, which are then read
/// by id), once for the edges.
/// </summary>
public static class GraphMlExport
{
    public const string MediaType = "application/graphml+xml";

    private const string GraphMl = "http://graphml.graphdrawing.org/xmlns";

    // Key ids are unique across the file; attribute names may repeat between nodes and edges.
    private static readonly (string Id, string For, string Name, string Type)[] Keys =
    [
        ("label", "node", "label", "string"),
        ("kind", "node", "kind", "string"),
        ("organization_status", "node", "status", "string"),
        ("selected", "node", "selected", "boolean"),
        ("organization_url", "node", "url", "string"),
        ("type", "edge", "type", "string"),
        ("type_label", "edge", "label", "string"),
        ("status", "edge", "status", "string"),
        ("start_date", "edge", "start_date", "string"),
        ("end_date", "edge", "end_date", "string"),
        ("ended_at", "edge", "ended_at", "string"),
        ("relationship_url", "edge", "url", "string"),
    ];

    public static long Write(ExportContext context, Stream output)
    {
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });
        xml.WriteStartDocument();
        xml.WriteStartElement("graphml", GraphMl);
        xml.WriteAttributeString("xmlns", "xsi", null, XmlSchema.InstanceNamespace);
        xml.WriteAttributeString("schemaLocation", XmlSchema.InstanceNamespace, $"{GraphMl} {GraphMl}/1.0/graphml.xsd");
        foreach (var (id, owner, name, type) in Keys)
        {
            xml.WriteStartElement("key", GraphMl);
            xml.WriteAttributeString("id", id);
            xml.WriteAttributeString("for", owner);
            xml.WriteAttributeString("attr.name", name);
            xml.WriteAttributeString("attr.type", type);
            xml.WriteEndElement();
        }
        xml.WriteStartElement("graph", GraphMl);
        xml.WriteAttributeString("id", "coopdir");
        xml.WriteAttributeString("edgedefault", "directed");
        xml.WriteElementString("desc", GraphMl, $"{context.DirectoryName}: organizations and their relationships, " +
            $"data as of {context.DataChangedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}. {context.LicenceStatement}");

        var outside = new SortedSet<long>();
        foreach (var o in context.Read(OrganizationParts.Relationships))
        {
            Node(xml, context, o, selected: true);
            foreach (var r in o.Outgoing.Where(r => !context.Includes(r.ObjectId))) outside.Add(r.ObjectId);
        }
        foreach (var o in context.Load([.. outside], OrganizationParts.None)) Node(xml, context, o, selected: false);

        var edges = 0L;
        foreach (var r in context.Read(OrganizationParts.Relationships).SelectMany(o => o.Outgoing))
        {
            Edge(xml, context, r);
            edges++;
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
        return edges;
    }

    private static void Node(XmlWriter xml, ExportContext context, Organization o, bool selected)
    {
        xml.WriteStartElement("node", GraphMl);
        xml.WriteAttributeString("id", DataPackageExport.Text(o.Id));
        Data(xml, "label", o.Content.Name);
        Data(xml, "kind", o.Content.Kind);
        Data(xml, "organization_status", o.Content.Status);
        Data(xml, "selected", selected ? "true" : "false");
        Data(xml, "organization_url", context.OrganizationUrl(o.Id));
        xml.WriteEndElement();
    }

    private static void Edge(XmlWriter xml, ExportContext context, RelationshipView r)
    {
        xml.WriteStartElement("edge", GraphMl);
        xml.WriteAttributeString("id", DataPackageExport.Text(r.Id));
        xml.WriteAttributeString("source", DataPackageExport.Text(r.SubjectId));
        xml.WriteAttributeString("target", DataPackageExport.Text(r.ObjectId));
        Data(xml, "type", r.Type);
        Data(xml, "type_label", Vocabularies.Relationship.LabelOf(r.Type));
        Data(xml, "status", RelationshipText.Of(r.State.Status));
        Data(xml, "start_date", r.StartDate);
        Data(xml, "end_date", r.EndDate);
        Data(xml, "ended_at", r.State.EndedAt?.ToString("O"));
        Data(xml, "relationship_url", context.RelationshipUrl(r.Id));
        xml.WriteEndElement();
    }

    private static void Data(XmlWriter xml, string key, string? value)
    {
        if (value is null) return;
        xml.WriteStartElement("data", GraphMl);
        xml.WriteAttributeString("key", key);
        xml.WriteString(value);
        xml.WriteEndElement();
    }
}
