using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;

namespace Coopdir.Core.PdfTables;

/// <summary>
/// The text of a cell from the letters inside it: PdfPig's nearest-neighbour word extractor makes the words (it
/// finds word breaks from letter spacing where a PDF draws no space), words on one baseline make a line, and lines
/// are joined top to bottom with a space, as Tabula joins a multi-line cell.
/// </summary>
internal static class CellText
{
    public static string Of(IEnumerable<PlacedLetter> letters) => Of(Lines(Words(letters)));

    public static string Of(List<List<PlacedWord>> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
            foreach (var word in line)
            {
                if (text.Length > 0) text.Append(' ');
                text.Append(word.Text);
            }
        return text.ToString();
    }

    /// <summary>The words of these letters with their boxes in top-left coordinates; spaces are not words.</summary>
    public static List<PlacedWord> Words(IEnumerable<PlacedLetter> letters)
    {
        var list = letters.ToList();
        if (list.Count == 0) return [];
        var boxes = list.ToDictionary(l => l.Letter, l => l.Box, (IEqualityComparer<Letter>)ReferenceEqualityComparer.Instance);
        return NearestNeighbourWordExtractor.Instance.GetWords(list.Select(l => l.Letter).ToList())
            .SelectMany(w => SplitAtSpaces(w.Letters, boxes))
            .ToList();
    }

    // The nearest-neighbour extractor may keep a drawn space inside a word (typewriter text): a space always ends a word.
    private static IEnumerable<PlacedWord> SplitAtSpaces(IReadOnlyList<Letter> letters, Dictionary<Letter, TableBox> boxes)
    {
        var run = new List<Letter>();
        foreach (var letter in letters.Append(null))
        {
            if (letter is not null && !string.IsNullOrWhiteSpace(letter.Value))
            {
                run.Add(letter);
                continue;
            }
            if (run.Count > 0) yield return new PlacedWord(string.Concat(run.Select(l => l.Value)), run.Select(l => boxes[l]).Aggregate((a, b) => a.Union(b)));
            run = [];
        }
    }

    /// <summary>Words grouped into lines: a word joins the line whose vertical middle it overlaps; lines top to bottom, words left to right.</summary>
    public static List<List<PlacedWord>> Lines(IEnumerable<PlacedWord> words)
    {
        var lines = new List<(TableBox Box, List<PlacedWord> Words)>();
        foreach (var word in words.OrderBy(w => w.Box.CentreY))
        {
            var index = lines.FindIndex(l => word.Box.CentreY >= l.Box.Top && word.Box.CentreY <= l.Box.Bottom
                || l.Box.CentreY >= word.Box.Top && l.Box.CentreY <= word.Box.Bottom);
            if (index < 0) lines.Add((word.Box, [word]));
            else
            {
                lines[index].Words.Add(word);
                lines[index] = (lines[index].Box.Union(word.Box), lines[index].Words);
            }
        }
        return lines.OrderBy(l => l.Box.Top).Select(l => l.Words.OrderBy(w => w.Box.Left).ToList()).ToList();
    }
}

internal sealed record PlacedWord(string Text, TableBox Box);
