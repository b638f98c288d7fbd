namespace Coopdir.Core.Search.Columns;

/// <summary>How the columns' arrays and pools are sized, grown and compacted.</summary>
internal sealed partial class SearchColumns
{
    /// <summary>Before a full load: sized once, so that growing leaves no large arrays behind for the collector.</summary>
    public void Reserve(long maxId, long organizations, long locations, long relationships)
    {
        Resize(checked((int)maxId + 1));
        words = new int[Math.Max(1024, organizations * 8)];
        ResizeLocations(checked((int)Math.Max(1024, locations)));
        links = new Link[Math.Max(1024, relationships)];
    }

    /// <summary>After a full load: gives back what growing by halves reserved (a third of the memory at a million).</summary>
    public void TrimExcess()
    {
        var maxId = Kind.Length - 1;
        while (maxId > 0 && Kind[maxId] == 0) maxId--;
        Resize(maxId + 1 + 1024);
        Array.Resize(ref words, wordsUsed + 1024);
        ResizeLocations(locationsUsed + 1024);
        Array.Resize(ref links, linksUsed + 1024);
        ForgetMoves();
    }

    private void Grow(int size)
    {
        if (size <= Kind.Length) return;
        Resize(Math.Max(Math.Max(size, 1024), Kind.Length + Kind.Length / 2));
    }

    private void Resize(int capacity)
    {
        Array.Resize(ref Kind, capacity);
        Array.Resize(ref Sector, capacity);
        Array.Resize(ref TypeBits, capacity);
        Array.Resize(ref Completeness, capacity);
        Array.Resize(ref ConfirmedDay, capacity);
        Array.Resize(ref NameRank, capacity);
        Array.Resize(ref wordStart, capacity);
        Array.Resize(ref nameWordCount, capacity);
        Array.Resize(ref headWordCount, capacity);
        Array.Resize(ref locationStart, capacity);
        Array.Resize(ref locationCount, capacity);
        Array.Resize(ref linkStart, capacity);
        Array.Resize(ref linkCount, capacity);
    }

    // Replaced organizations leave their old words and locations behind; once the garbage is as
    // large as what is live, the pools are copied afresh.
    private void EnsureWords(int more)
    {
        if (wordsUsed + more <= words.Length) return;
        if (wordsGarbage > wordsUsed / 2)
        {
            var live = new int[Math.Max(1024, (wordsUsed - wordsGarbage + more) * 2)];
            var used = 0;
            for (var id = 0; id < Kind.Length; id++)
            {
                if (Kind[id] == 0) continue;
                var length = nameWordCount[id] + headWordCount[id];
                Array.Copy(words, wordStart[id], live, used, length);
                wordStart[id] = used;
                used += length;
            }
            (words, wordsUsed, wordsGarbage) = (live, used, 0);
        }
        if (wordsUsed + more > words.Length) Array.Resize(ref words, Math.Max(wordsUsed + more, words.Length * 2));
    }

    private void EnsureLocations(int more)
    {
        if (locationsUsed + more <= LocationCountry.Length) return;
        if (locationsGarbage > locationsUsed / 2)
        {
            var size = Math.Max(1024, (locationsUsed - locationsGarbage + more) * 2);
            var (country, region, locality, latitude, longitude) = (new ushort[size], new int[size], new int[size], new double[size], new double[size]);
            var used = 0;
            for (var id = 0; id < Kind.Length; id++)
            {
                if (Kind[id] == 0) continue;
                var (start, length) = (locationStart[id], locationCount[id]);
                Array.Copy(LocationCountry, start, country, used, length);
                Array.Copy(LocationRegion, start, region, used, length);
                Array.Copy(LocationLocality, start, locality, used, length);
                Array.Copy(LocationLatitude, start, latitude, used, length);
                Array.Copy(LocationLongitude, start, longitude, used, length);
                locationStart[id] = used;
                used += length;
            }
            (LocationCountry, LocationRegion, LocationLocality, LocationLatitude, LocationLongitude) = (country, region, locality, latitude, longitude);
            (locationsUsed, locationsGarbage) = (used, 0);
            ForgetMoves();
        }
        if (locationsUsed + more > LocationCountry.Length) ResizeLocations(Math.Max(locationsUsed + more, LocationCountry.Length * 2));
    }

    private void ResizeLocations(int size)
    {
        Array.Resize(ref LocationCountry, size);
        Array.Resize(ref LocationRegion, size);
        Array.Resize(ref LocationLocality, size);
        Array.Resize(ref LocationLatitude, size);
        Array.Resize(ref LocationLongitude, size);
    }
}
