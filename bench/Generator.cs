using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;

namespace Coopdir.Bench;

/// <summary>
/// A synthetic directory that follows the real data's distributions: each organization borrows the
/// kind, types, sector, status and filled-in fields of a random real co-op, a place drawn from one
/// of four sources by weight (UK co-ops, the SUSY map of Europe, Karte von morgen in Germany, ICA
/// youth co-ops worldwide), and a name of real name words, sometimes its town, and a real ending.
/// The same seed gives the same directory.
/// </summary>
public sealed class Generator(RealData data, int seed = 20261126)
{
    private static readonly (string Source, double Weight)[] PlaceSources =
        [("uk", 0.55), ("susy-europe", 0.25), ("kartevonmorgen", 0.12), ("ica-youth", 0.08)];

    private readonly Random random = new(seed);

    public IEnumerable<ImportRecord> Records(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            var content = Organization();
            if (OrganizationValidator.Validate(content).Count > 0) content = content with { Name = $"Co-op {i}", Description = null };
            yield return new ImportRecord(i, $"B{i:D8}", content);
        }
    }

    private OrganizationContent Organization()
    {
        var profile = Pick(data.Profiles);
        var place = PickPlace();
        var words = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Pick(data.NameWords)).ToList();
        if (place.Locality is not null && random.NextDouble() < 0.2) words.Insert(0, place.Locality);
        var ending = Pick(data.Endings);
        if (ending.Length > 0) words.Add(ending);
        var description = profile.Description is null && random.NextDouble() > 0.3 ? null
            : string.Join(' ', Enumerable.Range(0, 8 + random.Next(18)).Select(_ => Pick(data.DescriptionWords)));
        return profile with
        {
            Name = string.Join(' ', words),
            Description = description,
            Locations = [new Location(null, place.Locality, place.Region, null, place.Country, Jitter(place.Latitude), Jitter(place.Longitude))],
            Identifiers = [],
            Classifications = [],
            Relationships = [],
            SourceId = null,
            SourceRecordId = null,
        };
    }

    private Place PickPlace()
    {
        var roll = random.NextDouble();
        foreach (var (source, weight) in PlaceSources)
        {
            if ((roll -= weight) <= 0 && data.PlacesBySource[source].Count > 0) return Pick(data.PlacesBySource[source]);
        }
        return Pick(data.PlacesBySource["uk"]);
    }

    private double? Jitter(double? degrees) => degrees is null ? null : Math.Round(degrees.Value + (random.NextDouble() - 0.5) * 0.06, 6);

    private T Pick<T>(List<T> list) => list[random.Next(list.Count)];
}
