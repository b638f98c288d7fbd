using System.Globalization;
using System.Net;
using System.Text;
using Coopdir.Core.Search;
using Microsoft.AspNetCore.Components;

namespace Coopdir.Statistics;

/// <summary>
/// A horizontal bar chart as inline SVG, drawn on the server: no script, no chart library. Hidden
/// from assistive technology, because the table beside it holds the same numbers.
/// </summary>
public static class BarChart
{
    private const int BarHeight = 22;
    private const int LabelWidth = 200;
    private const double BarSpace = 360;

    public static MarkupString Render(IReadOnlyList<FacetValue> groups)
    {
        var max = Math.Max(1, groups.Count == 0 ? 1 : groups.Max(g => g.Count));
        var height = groups.Count * BarHeight;
        var svg = new StringBuilder(
            $"<svg class=\"bar-chart\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 640 {height}\" width=\"640\" height=\"{height}\">");
        for (var i = 0; i < groups.Count; i++)
        {
            var y = i * BarHeight;
            var width = Math.Max(1, groups[i].Count * BarSpace / max);
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"0\" y=\"{y + 15}\">{WebUtility.HtmlEncode(Shorten(groups[i].Label))}</text>" +
                $"<rect class=\"bar\" x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{width:0.#}\" height=\"{BarHeight - 6}\"></rect>" +
                $"<text x=\"{LabelWidth + width + 6:0.#}\" y=\"{y + 15}\">{groups[i].Count.ToString("N0", CultureInfo.InvariantCulture)}</text>");
        }
        return new MarkupString(svg.Append("</svg>").ToString());
    }

    private static string Shorten(string label) => label.Length <= 28 ? label : label[..27] + "…";
}
