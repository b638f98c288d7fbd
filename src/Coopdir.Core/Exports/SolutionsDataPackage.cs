namespace Coopdir.Core.Exports;

/// <summary>The shared solutions as a Frictionless (Tabular) Data Package: solutions.csv and datapackage.json with its Table Schema, licences and sources.</summary>
public static class SolutionsDataPackage
{
    public static long Write(ExportContext context, Stream output)
    {
        using var zip = new ZipOutput(output, context.DataChangedAt);
        var rowsBySource = new Dictionary<string, long>();
        var count = zip.Entry(SolutionsCsv.Table.Path, s => SolutionsCsv.Write(context, s, rowsBySource));
        zip.Json("datapackage.json", PackageDescriptor.Create(context, "coopdir-solutions", $"{context.DirectoryName} shared solutions",
            [SolutionsCsv.Table], rowsBySource));
        return count;
    }
}
