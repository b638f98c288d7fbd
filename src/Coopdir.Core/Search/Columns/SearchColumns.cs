namespace Coopdir.Core.Search.Columns;

/// <summary>
/// What filters, facets and ranking read of every organization, held in memory as compact arrays
/// indexed by organization id ("doc values"), so that a search touches the database only for the
/// ids that match its text and for the page it shows. Strings are interned (vocabulary codes,
/// places, ranking words); variable-length parts (ranking words, locations, relationships) live in
/// shared pools. About 85 bytes per organization (~90 MB at a million), plus 12 bytes per relationship
/// (<see cref="Link"/>, held from both ends) and 8 per organization for where its own start. Not thread-safe by itself:
/// <see cref="ColumnsCache"/> guards it.
/// </summary>
internal sealed partial class SearchColumns : IColumnRows
{
    public readonly Interner Kinds = new(), Sectors = new(), Types = new(), Countries = new(), Places = new(), Words = new();

    /// <summary>Region and locality values that differ only in case share a group (<see cref="PlaceKey"/>).</summary>
    public readonly Interner PlaceGroups = new();
    private int[] groupOfPlace = new int[16];

    // Per organization id; Kind 0 means no organization has this id.
    public byte[] Kind = [];
    public byte[] Sector = [];
    public ulong[] TypeBits = [];
    public byte[] Completeness = [];
    /// <summary>The day the organization was last confirmed (<see cref="Organizations.Freshness.Day"/>), 0 if never.</summary>
    public int[] ConfirmedDay = [];
    /// <summary>Position in (name_key, id) order, as the database sorts: the tie-break of every order.</summary>
    public int[] NameRank = [];
    /// <summary>Ids in name order (the inverse of <see cref="NameRank"/>).</summary>
    public int[] ByName = [];
    private int[] wordStart = [];
    private ushort[] nameWordCount = [], headWordCount = [];
    private int[] locationStart = [];
    private ushort[] locationCount = [];

    // Pools: the name's words then the head's words that the name lacks; locations in position order.
    private int[] words = new int[1024];
    private int wordsUsed, wordsGarbage;
    public ushort[] LocationCountry = new ushort[1024];
    public int[] LocationRegion = new int[1024], LocationLocality = new int[1024];
    public double[] LocationLatitude = new double[1024], LocationLongitude = new double[1024];
    private int locationsUsed, locationsGarbage;

    private LatitudeIndex? latitudeIndex;
    private readonly object indexing = new();

    /// <summary>Organizations written since the latitude index was built: geo searches look at them all.</summary>
    public readonly HashSet<int> Moved = [];

    // Past this many, rebuilding the index on the next geo search is cheaper than looking at them all.
    public const int MaxMoved = 5000;

    /// <summary>Places by latitude, built on first use (under the shared read lock, so built once under a lock of its own).</summary>
    public LatitudeIndex ByLatitude
    {
        get
        {
            lock (indexing) return latitudeIndex ??= new LatitudeIndex(this);
        }
    }

    private LocalityCounts? localityCounts;

    /// <summary>Organizations per locality group, counted on first use after a change (under a lock of its own, as <see cref="ByLatitude"/>).</summary>
    public LocalityCounts Localities
    {
        get
        {
            lock (indexing) return localityCounts ??= new LocalityCounts(this);
        }
    }

    private WordCounts? wordCounts;

    /// <summary>Organizations per word of names and places, counted on first use after a change (as <see cref="Localities"/>).</summary>
    public WordCounts WordCounts
    {
        get
        {
            lock (indexing) return wordCounts ??= new WordCounts(this);
        }
    }

    /// <summary>Drops the latitude index (rebuilt on the next geo search), once moves pile up or places were copied.</summary>
    public void ForgetMoves()
    {
        latitudeIndex = null;
        Moved.Clear();
        Moved.TrimExcess();
    }

    public int Capacity => Kind.Length;
    public int Count { get; private set; }

    /// <summary>The newest revision id whose changes these columns hold.</summary>
    public long Version { get; set; }

    public bool Has(long id) => id > 0 && id < Kind.Length && Kind[id] != 0;

    public int GroupOf(int place) => groupOfPlace[place];

    public ReadOnlySpan<int> NameWords(int id) => words.AsSpan(wordStart[id], nameWordCount[id]);

    /// <summary>Words of search_head that are not in search_name (the head is the name's words plus these).</summary>
    public ReadOnlySpan<int> ExtraHeadWords(int id) => words.AsSpan(wordStart[id] + nameWordCount[id], headWordCount[id]);

    public (int Start, int Count) Locations(int id) => (locationStart[id], locationCount[id]);

    /// <summary>A location's place as written, for resolving it to an area.</summary>
    public (string? Country, string? Region, string? Locality) WrittenPlace(int location) =>
        (Text(Countries, LocationCountry[location]), Text(Places, LocationRegion[location]), Text(Places, LocationLocality[location]));

    private static string? Text(Interner interner, int id) => id == 0 ? null : interner[id];

    private readonly List<int> scratch = [];

    /// <summary>An organization's own fields; its types and locations follow through <see cref="AddType"/> and <see cref="SetLocations"/>.</summary>
    public void SetOrganization(long organizationId, string kind, string? sector, int completeness, string searchName, string searchHead, int confirmedDay = 0)
    {
        var id = checked((int)organizationId);
        Grow(id + 1);
        Moved.Add(id);
        (localityCounts, wordCounts) = (null, null);
        if (Kind[id] != 0) Forget(id); else Count++;
        Kind[id] = checked((byte)Kinds.Id(kind));
        Sector[id] = checked((byte)Sectors.Id(sector));
        Completeness[id] = (byte)completeness;
        ConfirmedDay[id] = confirmedDay;
        TypeBits[id] = 0;
        (nameWordCount[id], headWordCount[id], locationCount[id]) = (0, 0, 0);

        scratch.Clear();
        foreach (var range in searchName.AsSpan().Split(' '))
        {
            if (range.End.Value > range.Start.Value) scratch.Add(Words.Id(searchName.AsSpan()[range]));
        }
        var nameCount = scratch.Count;
        foreach (var range in searchHead.AsSpan().Split(' '))
        {
            if (range.End.Value == range.Start.Value) continue;
            var word = Words.Id(searchHead.AsSpan()[range]);
            if (!scratch.Contains(word)) scratch.Add(word);
        }
        EnsureWords(scratch.Count);
        wordStart[id] = wordsUsed;
        nameWordCount[id] = checked((ushort)nameCount);
        headWordCount[id] = checked((ushort)(scratch.Count - nameCount));
        foreach (var word in scratch) words[wordsUsed++] = word;
    }

    public void AddType(long id, string type)
    {
        if (!Has(id)) return;
        var bit = Types.Id(type) - 1;
        if (bit >= 64) throw new InvalidOperationException("more than 64 organization types: widen SearchColumns.TypeBits");
        TypeBits[id] |= 1UL << bit;
    }

    /// <summary>All locations of one organization, in position order.</summary>
    public void SetLocations(long id, IReadOnlyList<LocationColumnRow> places)
    {
        if (!Has(id)) return;
        localityCounts = null;
        locationsGarbage += locationCount[id];
        locationCount[id] = 0;
        EnsureLocations(places.Count);
        locationStart[id] = locationsUsed;
        locationCount[id] = checked((ushort)places.Count);
        foreach (var place in places)
        {
            var i = locationsUsed++;
            LocationCountry[i] = checked((ushort)Countries.Id(place.Country));
            LocationRegion[i] = Place(place.Region);
            LocationLocality[i] = Place(place.Locality);
            var located = place.Latitude is not null && place.Longitude is not null;
            LocationLatitude[i] = located ? place.Latitude!.Value : double.NaN;
            LocationLongitude[i] = located ? place.Longitude!.Value : double.NaN;
        }
    }

    public void Remove(long id)
    {
        if (!Has(id)) return;
        Forget((int)id);
        Moved.Add((int)id);
        (localityCounts, wordCounts) = (null, null);
        Kind[id] = 0;
        Count--;
    }

    private void Forget(int id)
    {
        wordsGarbage += nameWordCount[id] + headWordCount[id];
        locationsGarbage += locationCount[id];
        ClearLinks(id);
    }

    private int Place(string? value)
    {
        if (value is null) return 0;
        var place = Places.Id(value);
        if (place >= groupOfPlace.Length) Array.Resize(ref groupOfPlace, Math.Max(place + 1, groupOfPlace.Length * 2));
        if (groupOfPlace[place] == 0) groupOfPlace[place] = PlaceGroups.Id(PlaceKey.Of(value));
        return place;
    }
}
