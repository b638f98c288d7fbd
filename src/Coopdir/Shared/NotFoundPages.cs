using Microsoft.AspNetCore.Http.HttpResults;

namespace Coopdir.Shared;

/// <summary>The 404 page for people, with what was not found.</summary>
public static class NotFoundPages
{
    public static RazorComponentResult<NotFoundPage> Show(string message) =>
        new(new { Message = message }) { StatusCode = StatusCodes.Status404NotFound };

    public static RazorComponentResult<NotFoundPage> Organization(object id) => Show($"There is no organization with id '{id}'.");
}
