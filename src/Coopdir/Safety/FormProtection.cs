using Microsoft.AspNetCore.Antiforgery;

namespace Coopdir.Safety;

/// <summary>
/// Every form post on the site must carry the anti-forgery token its page rendered. Minimal APIs only
/// check it for parameters bound from the form, so this filter checks it for every handler in a group.
/// </summary>
public static class FormProtection
{
    public static RouteGroupBuilder RequireAntiforgery(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid anti-forgery token",
                    detail: "This form was not sent from a page of this site, or the page is too old: reload it and try again.");
            return await next(context);
        });
        return group;
    }
}
