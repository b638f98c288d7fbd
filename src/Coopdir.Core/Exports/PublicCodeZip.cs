using System.Text;
using Coopdir.Core.Solutions.PublicCode;

namespace Coopdir.Core.Exports;

/// <summary>
/// Every shared solution as a publiccode.yml of its own (<see cref="PublicCodeWriter"/>), in one zip: a file per
/// solution, named by its slug, so a catalogue that speaks the standard (Developers Italia, code.gouv.fr) can take them.
/// </summary>
public static class PublicCodeZip
{
    public const string MediaType = "application/zip";

    public static long Write(ExportContext context, Stream output)
    {
        using var zip = new ZipOutput(output, context.DataChangedAt);
        long count = 0;
        foreach (var batch in SolutionsCsv.Batches(context))
        {
            foreach (var solution in batch)
            {
                zip.Entry($"{solution.Slug}/publiccode.yml", s =>
                {
                    var bytes = Encoding.UTF8.GetBytes(PublicCodeWriter.Write(solution, context.OrganizationUrl(solution.Id)));
                    s.Write(bytes);
                    return 0;
                });
                count++;
            }
        }
        return count;
    }
}
