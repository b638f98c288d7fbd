using System.Globalization;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Exports;

/// <summary>
/// Open Referral HSDS 3.0, tabular form: a zip of organizations, locations, addresses,
/// organization_identifiers and funding CSVs (HSDS column names, UUID ids derived from each record's URL),
/// plus organization_sources.csv (which source and licence covers each organization) and datapackage.json.
/// HSDS requires every address part, so an address row is written only for a location that has them
/// all; the location row (with its coordinates) is written either way. Of the relationships, HSDS has
/// room for two: an organization's parent (the first it is a subsidiary or branch of now) and who funds
/// it (a funding row per current funded_by, its source naming the funder); the rest are in the Data Package.
/// </summary>
public static class HsdsExport
{
    public const string MediaType = "application/zip";

    private static readonly IReadOnlyList<string> LocationTypes = ["physical", "postal", "virtual"];

    public static readonly TableResource Organizations = new("organization", "organizations.csv", "HSDS organizations",
    [
        new("id", "string", "Identifier (UUID derived from the record's URL)", "uuid", Required: true, Unique: true),
        new("name", "string", "Name", Required: true),
        new("alternate_name", "string", "Other names, separated by \" | \""),
        new("description", "string", "Description (the kind and place when the record has none)", Required: true),
        new("email", "string", "Email", "email"),
        new("website", "string", "Web site", "uri"),
        new("year_incorporated", "number", "Year founded"),
        new("legal_status", "string", "Kind and cooperative types"),
        new("uri", "string", "The record in the directory", "uri"),
        new("parent_organization_id", "string", "The organization it is a subsidiary or branch of (its id here, even when a filter left it out)", "uuid"),
    ], PrimaryKey: "id");

    public static readonly TableResource Locations = new("location", "locations.csv", "HSDS locations",
    [
        new("id", "string", "Identifier", "uuid", Required: true, Unique: true),
        new("location_type", "string", "Always physical", Required: true, Enum: LocationTypes),
        new("organization_id", "string", "The organization", "uuid"),
        new("name", "string", "Name"),
        new("latitude", "number", "WGS 84 latitude"),
        new("longitude", "number", "WGS 84 longitude"),
    ], PrimaryKey: "id");

    public static readonly TableResource Addresses = new("address", "addresses.csv", "HSDS addresses",
    [
        new("id", "string", "Identifier", "uuid", Required: true, Unique: true),
        new("location_id", "string", "The location", "uuid"),
        new("address_1", "string", "Street address", Required: true),
        new("city", "string", "Town or city", Required: true),
        new("state_province", "string", "Region or state", Required: true),
        new("postal_code", "string", "Postal code", Required: true),
        new("country", "string", "ISO 3166-1 alpha-2 country code", Required: true),
        new("address_type", "string", "Always physical", Required: true, Enum: LocationTypes),
    ], PrimaryKey: "id");

    public static readonly TableResource Identifiers = new("organization_identifier", "organization_identifiers.csv", "HSDS organization identifiers",
    [
        new("id", "string", "Identifier", "uuid", Required: true, Unique: true),
        new("organization_id", "string", "The organization", "uuid", Required: true),
        new("identifier_scheme", "string", "Scheme, e.g. GB-COH or wikidata"),
        new("identifier_type", "string", "What the identifier is", Required: true),
        new("identifier", "string", "The identifier", Required: true),
    ], PrimaryKey: "id");

    public static readonly TableResource Funding = new("funding", "funding.csv", "HSDS funding: who funds an organization",
    [
        new("id", "string", "Identifier (UUID derived from the relationship's URL)", "uuid", Required: true, Unique: true),
        new("organization_id", "string", "The organization funded", "uuid"),
        new("source", "string", "The funder: its name and its record in the directory"),
    ], PrimaryKey: "id");

    public static readonly TableResource OrganizationSources = new("organization_source", "organization_sources.csv",
        "Not part of HSDS: the source and licence covering each organization's rows",
    [
        new("organization_id", "string", "The organization", "uuid", Required: true, Unique: true),
        new("source", "string", "Source dataset; empty when entered in the directory"),
        new("licence", "string", "SPDX id of the licence covering the organization's rows", Required: true),
        new("attribution", "string", "Attribution the licence asks for"),
    ], PrimaryKey: "organization_id");

    public static long Write(ExportContext context, Stream output)
    {
        using var zip = new ZipOutput(output, context.DataChangedAt);
        var rowsBySource = new Dictionary<string, long>();
        var count = zip.Entry(Organizations.Path, s => CsvExport.WriteTable(s, Organizations.Header,
            PackageDescriptor.Counting(context.Read(OrganizationParts.Details | OrganizationParts.Types | OrganizationParts.Locations | OrganizationParts.Relationships), rowsBySource).Select(o => OrganizationRow(o, context))));
        zip.Entry(Locations.Path, s => CsvExport.WriteTable(s, Locations.Header, context.Read(OrganizationParts.Locations).SelectMany(o =>
            o.Content.Locations.Select((l, i) => new string?[]
            {
                Id(context, o, $"location-{i + 1}"), "physical", Id(context, o), o.Content.Name, Number(l.Latitude), Number(l.Longitude),
            }))));
        zip.Entry(Addresses.Path, s => CsvExport.WriteTable(s, Addresses.Header, context.Read(OrganizationParts.Locations).SelectMany(o =>
            o.Content.Locations.Select((l, i) => (l, i)).Where(x => IsComplete(x.l)).Select(x => new string?[]
            {
                Id(context, o, $"address-{x.i + 1}"), Id(context, o, $"location-{x.i + 1}"),
                x.l.Street!.Replace('\n', ' '), x.l.Locality, x.l.Region, x.l.Postcode, x.l.Country, "physical",
            }))));
        zip.Entry(Identifiers.Path, s => CsvExport.WriteTable(s, Identifiers.Header, context.Read(OrganizationParts.Identifiers).SelectMany(o =>
            o.Content.Identifiers.Select(i => new string?[]
            {
                Id(context, o, $"identifier-{i.Scheme}:{i.Value}"), Id(context, o), i.Scheme, i.Scheme, i.Value,
            }))));
        zip.Entry(Funding.Path, s => CsvExport.WriteTable(s, Funding.Header, context.Read(OrganizationParts.Relationships).SelectMany(o =>
            o.Outgoing.Where(r => r.Type == RelationshipTypes.FundedBy && r.IsCurrent).Select(r => new string?[]
            {
                NameBasedUuid.ForUrl(context.RelationshipUrl(r.Id)).ToString(), Id(context, o), $"{r.ObjectName} ({context.OrganizationUrl(r.ObjectId)})",
            }))));
        zip.Entry(OrganizationSources.Path, s => CsvExport.WriteTable(s, OrganizationSources.Header, context.Read(OrganizationParts.None).Select(o =>
            new string?[] { Id(context, o), o.Source?.Name, context.LicenceOf(o).Id, o.Source?.Attribution })));
        var descriptor = PackageDescriptor.Create(context, "coopdir-hsds", $"{context.DirectoryName} organizations (HSDS 3.0)",
            [Organizations, Locations, Addresses, Identifiers, Funding, OrganizationSources], rowsBySource);
        zip.Json("datapackage.json", descriptor);
        return count;
    }

    private static string?[] OrganizationRow(Organization o, ExportContext context)
    {
        var c = o.Content;
        var place = c.Locations.FirstOrDefault() is { } l ? string.Join(", ", new[] { l.Locality, l.Country }.Where(p => p is not null)) : "";
        return
        [
            Id(context, o), c.Name, c.AlternateNames.Count == 0 ? null : string.Join(" | ", c.AlternateNames),
            string.IsNullOrWhiteSpace(c.Description) ? $"{Vocabularies.Kind.LabelOf(c.Kind)}{(place.Length > 0 ? $" in {place}" : "")}" : c.Description,
            c.Email, c.Website, c.FoundedOn?[..4],
            string.Join(", ", new[] { Vocabularies.Kind.LabelOf(c.Kind) }.Concat(c.Types.Select(Vocabularies.Type.LabelOf))),
            context.OrganizationUrl(o.Id),
            o.Parents.FirstOrDefault() is { } parent ? Id(context, parent.ObjectId) : null,
        ];
    }

    private static bool IsComplete(Location l) =>
        new[] { l.Street, l.Locality, l.Region, l.Postcode, l.Country }.All(p => !string.IsNullOrWhiteSpace(p));

    private static string Id(ExportContext context, Organization o, string? part = null) => Id(context, o.Id, part);

    private static string Id(ExportContext context, long id, string? part = null) =>
        NameBasedUuid.ForUrl(context.OrganizationUrl(id) + (part is null ? "" : "#" + part)).ToString();

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}
