using Coopdir.Core.Organizations;

namespace Coopdir.Core.Imports;

/// <summary>Reads any CSV of organizations through a <see cref="ColumnMapping"/> that says which column is which.</summary>
public static class MappedCsvReader
{
    // Validator field (indexes dropped) → the mapping field that fed it.
    private static readonly (string Field, string Target)[] ValidatorFields =
    [
        ("name", "name"), ("alternate_names", "alternate_names"), ("kind", "kind"), ("types", "types"),
        ("sector", "sector"), ("description", "description"), ("status", "status"), ("founded_on", "founded_on"),
        ("dissolved_on", "dissolved_on"), ("website", "website"), ("email", "email"), ("phone", "phone"),
        ("locations.street", "street"), ("locations.locality", "locality"), ("locations.region", "region"),
        ("locations.postcode", "postcode"), ("locations.country", "country"), ("locations.latitude", "latitude"),
        ("locations.longitude", "longitude"), ("counts.members", "members"), ("counts.workers", "workers"),
        ("counts.employees", "employees"), ("counts.year", "counts_year"),
    ];

    public static ParsedFile Read(TextReader csv, ColumnMapping mapping)
    {
        var table = CsvTable.Read(csv);
        var missing = NamedColumns(mapping).Where(c => !table.Header.Has(c.Column))
            .Select(c => new RowError(1, c.Column, $"is not in the file's header but the mapping names it as {c.Path}"))
            .ToArray();
        return missing.Length > 0 ? ParsedFile.Failed(missing) : Read(table, mapping);
    }

    /// <summary>Every column the mapping reads, with where the mapping names it.</summary>
    internal static IEnumerable<(string Column, string Path)> NamedColumns(ColumnMapping mapping) =>
        mapping.Columns.Select(c => (Column: c.Value, Path: $"columns.{c.Key}"))
            .Concat(mapping.Identifiers.Select(i => (Column: i.Value, Path: $"identifiers.{i.Key}")))
            .Concat(mapping.Descriptions.Select(d => (Column: d.Value, Path: $"descriptions.{d.Key}")));

    /// <summary>Reads rows whose header has every column the mapping names.</summary>
    internal static ParsedFile Read(CsvTable table, ColumnMapping mapping)
    {
        var fieldColumns = ValidatorFields.ToDictionary(f => f.Field, f => ColumnFor(mapping, f.Target));
        var idColumn = mapping.Columns.GetValueOrDefault("id") ?? mapping.Columns["name"];
        var file = new ParsedFileBuilder(table.Header);
        foreach (var row in table.Rows)
        {
            var content = ReadContent(new MappedRow(row, mapping));
            var id = mapping.Columns.ContainsKey("id")
                ? row.Required(idColumn)
                : DerivedId(content.Name, content.Locations.FirstOrDefault()?.Locality);
            file.Add(row, idColumn, id, content, WithDescriptions(fieldColumns, content, mapping));
        }
        return file.Build();
    }

    // A description's index in the record depends on which languages the row has, so its column is looked up per row.
    private static IReadOnlyDictionary<string, string> WithDescriptions(
        Dictionary<string, string> fieldColumns, OrganizationContent content, ColumnMapping mapping)
    {
        if (content.DescriptionsByLanguage.Count == 0) return fieldColumns;
        var withDescriptions = new Dictionary<string, string>(fieldColumns);
        for (var i = 0; i < content.DescriptionsByLanguage.Count; i++)
        {
            var column = mapping.Descriptions[content.DescriptionsByLanguage[i].Language];
            withDescriptions[$"descriptions_by_language[{i}].language"] = column;
            withDescriptions[$"descriptions_by_language[{i}].text"] = column;
        }
        return withDescriptions;
    }

    /// <summary>Without an id column, name and place identify a row, so re-imports match by both.</summary>
    private static string? DerivedId(string name, string? locality) =>
        string.IsNullOrWhiteSpace(name) ? null : $"{TextKey.Of(name)}|{TextKey.Of(locality ?? "")}";

    private static string ColumnFor(ColumnMapping mapping, string field) =>
        mapping.Columns.GetValueOrDefault(field) ?? $"defaults.{field}";

    private static OrganizationContent ReadContent(MappedRow row)
    {
        var location = new Location(
            row.Value("street"), row.Value("locality"), row.Value("region"), row.Value("postcode"),
            row.Country(), row.Number("latitude"), row.Number("longitude"));
        var counts = new MembershipCounts(row.WholeNumber("members"), row.WholeNumber("workers"),
            row.WholeNumber("employees"), row.WholeNumber("counts_year"));

        return new OrganizationContent
        {
            Name = row.Value("name") ?? "",
            AlternateNames = row.List("alternate_names"),
            Kind = row.Code("kind") ?? EssGlobalTerms.DefaultKind,
            Types = row.List("types").Select(t => row.Code("types", t)).OfType<string>().Distinct().ToList(),
            Sector = row.Code("sector"),
            Description = row.Value("description"),
            DescriptionsByLanguage = row.Descriptions(),
            Status = row.Code("status") ?? OrganizationStatus.Unknown,
            FoundedOn = row.Date("founded_on"),
            DissolvedOn = row.Date("dissolved_on"),
            Website = CsvRow.Website(row.Value("website")),
            Email = row.Value("email"),
            Phone = row.Value("phone"),
            Counts = counts == new MembershipCounts() ? null : counts,
            Locations = location == new Location() ? [] : [location],
            Identifiers = row.Identifiers(),
        };
    }

    /// <summary>A row seen through the mapping: values by Coopdir field, with defaults and translations applied.</summary>
    private sealed class MappedRow(CsvRow row, ColumnMapping mapping)
    {
        public string? Value(string field) =>
            (mapping.Columns.TryGetValue(field, out var column) ? row.Text(column) : null) ?? mapping.Defaults.GetValueOrDefault(field);

        public IReadOnlyList<string> List(string field) => CsvRow.Split(Value(field), mapping.ListSeparator);

        public string? Date(string field) => row.Date(ColumnFor(mapping, field), Value(field));
        public double? Number(string field) => row.Number(ColumnFor(mapping, field), Value(field));
        public int? WholeNumber(string field) => row.WholeNumber(ColumnFor(mapping, field), Value(field));
        public string? Country() => row.Country(ColumnFor(mapping, "country"), Value("country"));

        public string? Code(string field) => Value(field) is { } value ? Code(field, value) : null;

        /// <summary>The vocabulary code for a value, after the mapping's translations; a row error when there is none.</summary>
        public string? Code(string field, string value)
        {
            var translated = mapping.Values.GetValueOrDefault(field)?.GetValueOrDefault(value) ?? value;
            var code = ColumnMapping.CodeOf(field, translated);
            if (code is null)
                row.Error(ColumnFor(mapping, field), $"'{value}' is not one of {string.Join(", ", ColumnMapping.CodesOf(field))}");
            return code;
        }

        public IReadOnlyList<LanguageText> Descriptions() =>
            mapping.Descriptions.Select(d => row.Text(d.Value) is { } text ? new LanguageText(d.Key, text) : null)
                .OfType<LanguageText>().ToList();

        public IReadOnlyList<Identifier> Identifiers() =>
            mapping.Identifiers.Select(i => row.Text(i.Value) is { } value ? new Identifier(i.Key, value) : null)
                .OfType<Identifier>().ToList();
    }
}
