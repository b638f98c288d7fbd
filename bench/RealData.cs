using System.Globalization;
using System.Text.Json;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using CsvHelper;

namespace Coopdir.Bench;

public sealed record Place(string? Locality, string? Region, string Country, double? Latitude, double? Longitude);

/// <summary>
/// Frequencies read at run time from the real data in shared/data (never copied into the repo):
/// name words and endings, places with coordinates in several countries, kinds, types and sectors.
/// </summary>
public sealed class RealData
{
    public List<string> NameWords { get; } = [];
    public List<string> Endings { get; } = [];
    public List<string> DescriptionWords { get; } = [];
    public Dictionary<string, List<Place>> PlacesBySource { get; } = [];
    public List<OrganizationContent> Profiles { get; } = [];

    public static RealData Load(string dataDirectory)
    {
        var data = new RealData();
        var sea = Read(Path.Combine(dataDirectory, "coops-uk", "sea_standard_coops-uk_Q2-2023.csv"), EssglobalCsvReader.Read);
        var cuk = Read(Path.Combine(dataDirectory, "coops-uk", "cuk_open_data_organisations_2017-06.csv"), CoopsUkReader.Read);
        data.Profiles.AddRange(sea.Records.Concat(cuk.Records).Select(r => r.Content));
        foreach (var content in data.Profiles) data.AddName(content.Name);
        foreach (var content in sea.Records.Select(r => r.Content))
            data.AddWords(content.Description, data.DescriptionWords);
        data.PlacesBySource["uk"] = sea.Records.SelectMany(r => r.Content.Locations)
            .Where(l => l.HasCoordinates && l.Country is not null)
            .Select(l => new Place(l.Locality, l.Region, l.Country!, l.Latitude, l.Longitude)).ToList();
        data.ReadIcaYouth(Path.Combine(dataDirectory, "sea-open-data", "ica-youth-network_Youth-ledCoops.csv"));
        data.ReadSusy(Path.Combine(dataDirectory, "sea-open-data", "susy_transformap_SSEDAS_PARTNER.geojson.json"));
        data.ReadKarteVonMorgen(Path.Combine(dataDirectory, "kartevonmorgen", "openfairdb_search_results.json"));
        return data;
    }

    private static ParsedFile Read(string path, Func<TextReader, ParsedFile> reader)
    {
        using var text = new StreamReader(path);
        return reader(text);
    }

    // Words of a name go to NameWords, except the co-op words and legal forms that end most names.
    private void AddName(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ending = new List<string>();
        foreach (var word in words)
        {
            var key = TextKey.Of(word);
            if (key.Length == 0) continue;
            if (Core.Search.SearchWords.IsOptional(Core.Search.SearchWords.Of(word).FirstOrDefault() ?? "")) ending.Add(word);
            else NameWords.Add(word);
        }
        Endings.Add(string.Join(' ', ending));
    }

    private void AddWords(string? text, List<string> into)
    {
        if (text is null) return;
        into.AddRange(text.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length < 30));
    }

    private void ReadIcaYouth(string path)
    {
        using var csv = new CsvReader(new StreamReader(path), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var places = new List<Place>();
        while (csv.Read())
        {
            var country = Countries.Normalize(csv.GetField("Country") ?? "");
            if (country is null || !double.TryParse(csv.GetField("Latitude"), CultureInfo.InvariantCulture, out var lat)
                || !double.TryParse(csv.GetField("Longitude"), CultureInfo.InvariantCulture, out var lon)) continue;
            places.Add(new Place(csv.GetField("City"), null, country, lat, lon));
            AddName(csv.GetField(1) ?? "");
            AddWords(csv.GetField("Description"), DescriptionWords);
        }
        PlacesBySource["ica-youth"] = places;
    }

    private void ReadSusy(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var places = new List<Place>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var properties = feature.GetProperty("properties");
            var country = properties.TryGetProperty("addr:country", out var c) ? Countries.Normalize(c.GetString() ?? "") : null;
            var point = feature.GetProperty("geometry");
            if (country is null || point.GetProperty("type").GetString() != "Point") continue;
            var coordinates = point.GetProperty("coordinates");
            var city = properties.TryGetProperty("addr:city", out var town) ? town.GetString() : null;
            places.Add(new Place(city, null, country, coordinates[1].GetDouble(), coordinates[0].GetDouble()));
            if (properties.TryGetProperty("name", out var name)) AddName(name.GetString() ?? "");
            if (properties.TryGetProperty("description", out var description)) AddWords(description.GetString(), DescriptionWords);
        }
        PlacesBySource["susy-europe"] = places;
    }

    private void ReadKarteVonMorgen(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var places = new List<Place>();
        foreach (var entry in document.RootElement.GetProperty("visible").EnumerateArray())
        {
            places.Add(new Place(null, null, "DE", entry.GetProperty("lat").GetDouble(), entry.GetProperty("lng").GetDouble()));
            AddName(entry.GetProperty("title").GetString() ?? "");
            if (entry.TryGetProperty("description", out var description)) AddWords(description.GetString(), DescriptionWords);
        }
        PlacesBySource["kartevonmorgen"] = places;
    }
}
