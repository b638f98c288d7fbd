using Coopdir.Core.Data;
using Coopdir.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Areas;

/// <summary>The places' pages: find an area by name, and one area with everything located in it.</summary>
public static class AreaPages
{
    internal static async Task<IResult> List(string? q, Store store)
    {
        var (found, errors) = await AreasEndpoints.FindAsync(store, q, null, AreasEndpoints.MaxListed);
        return new RazorComponentResult<AreasPage>(new { Query = q, Found = found?.Items ?? [], Errors = errors })
            { StatusCode = errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK };
    }

    internal static async Task<IResult> Show(string id, Store store)
    {
        var overview = await AreaOverview.OfAsync(store, id);
        if (overview is null) return NotFoundPages.Show($"There is no area '{(id.Length > 120 ? id[..120] + "…" : id)}'. Find one by its name on the Places page.");
        return new RazorComponentResult<AreaPage>(new { Overview = overview });
    }
}
