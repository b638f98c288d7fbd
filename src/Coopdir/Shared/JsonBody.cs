using System.Text.Json;
using System.Text.Json.Serialization;
using Coopdir.Core.Organizations;

namespace Coopdir.Shared;

/// <summary>
/// Reads a small JSON request body into a request record: at most <c>maxBytes</c>, and no field the
/// record does not name (so nobody slips in what only the server may say, such as assertions).
/// </summary>
public static class JsonBody
{
    private static readonly JsonSerializerOptions Strict = new(PublicJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes) where T : class
    {
        if (await Safety.BodyLimits.ReadAsync(request, maxBytes) is not { } body) return (null, TooLarge(maxBytes));
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, Strict);
            return value is null ? (null, Problems.InvalidParameters([new("body", "must be a JSON object")])) : (value, null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, Problems.InvalidParameters([new(field, e.Message.Split(" Path:")[0])]));
        }
    }

    private static IResult TooLarge(int maxBytes) => TypedResults.Problem(detail: $"The body is over the {maxBytes:N0} bytes this endpoint accepts.",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large");
}
