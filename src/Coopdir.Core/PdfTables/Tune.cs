namespace Coopdir.Core.PdfTables;
internal static class Tune
{
    public static double Get(int index, double fallback)
    {
        var parts = (Environment.GetEnvironmentVariable("PDF_TUNE") ?? "").Split(',');
        return index < parts.Length && double.TryParse(parts[index], System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
