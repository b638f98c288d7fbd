namespace Coopdir.History;

/// <summary>
/// How a diff cell may wrap. Text wraps between words only; a value with a word too long for a phone's column
/// (a URL, an identifier) may also break inside it. Allowing that on every cell would let the table squeeze
/// its columns and break ordinary words mid-word (overflow-wrap: anywhere lowers a cell's minimum width).
/// </summary>
public static class DiffCell
{
    private const int LongestUnbrokenWord = 24;

    public static string? LongClass(string? value) =>
        value is not null && value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Any(w => w.Length > LongestUnbrokenWord) ? "long" : null;
}
