using System.Text;
using System.Text.Encodings.Web;
using Coopdir.Core.Organizations;

namespace Coopdir.Reconciliation;

/// <summary>
/// The small card OpenRefine shows in an iframe beside a candidate (and, its body only, in a flyout):
/// name, kind, place, website and the start of the description. Every value is HTML-encoded; the only
/// link is the organization's page and its website when that is http(s).
/// </summary>
public static class PreviewCard
{
    private static readonly HtmlEncoder Encode = HtmlEncoder.Default;

    public static string Document(Organization organization, string baseUrl) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Encode.Encode(organization.Content.Name) + "</title>" +
        "<style>body{font:14px/1.4 system-ui,sans-serif;margin:8px;color:#1a1a1a}h1{font-size:16px;margin:0 0 4px}p{margin:2px 0}.m{color:#555}</style>" +
        "</head><body>" + Body(organization, baseUrl) + "</body></html>";

    public static string Body(Organization organization, string baseUrl)
    {
        var c = organization.Content;
        var html = new StringBuilder();
        html.Append("<h1><a href=\"").Append(Encode.Encode($"{baseUrl}/organizations/{organization.Slug}")).Append("\" target=\"_blank\" rel=\"noopener\">")
            .Append(Encode.Encode(c.Name)).Append("</a></h1>");
        html.Append("<p class=\"m\">").Append(Encode.Encode(Vocabularies.Kind.LabelOf(c.Kind)));
        if (c.Locations.FirstOrDefault() is { } place)
        {
            var where = string.Join(", ", new[] { place.Locality, place.Postcode, place.Country is null ? null : Countries.NameOf(place.Country) }.OfType<string>());
            if (where.Length > 0) html.Append(" · ").Append(Encode.Encode(where));
        }
        html.Append(" · #").Append(organization.Id).Append("</p>");
        if (c.Website is { } website)
        {
            var safe = Uri.TryCreate(website, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
            html.Append("<p>").Append(safe ? $"<a href=\"{Encode.Encode(uri!.AbsoluteUri)}\" target=\"_blank\" rel=\"noopener nofollow\">{Encode.Encode(website)}</a>" : Encode.Encode(website)).Append("</p>");
        }
        if (c.Description is { } description)
            html.Append("<p>").Append(Encode.Encode(description.Length <= 240 ? description : description[..237] + "…")).Append("</p>");
        return html.ToString();
    }
}
