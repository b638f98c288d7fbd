using System.Text;

namespace Coopdir.Tests.Support;

/// <summary>PATCH requests as the edit tests send them: a JSON Merge Patch of one record, with If-Match.</summary>
public static class Patches
{
    public static HttpRequestMessage Phone(long id, string phone, string ifMatch, string summary = "test") =>
        new(HttpMethod.Patch, $"/api/v1/organizations/{id}?summary={summary}")
        {
            Content = new StringContent($$"""{"phone":"{{phone}}"}""", Encoding.UTF8, "application/merge-patch+json"),
            Headers = { { "If-Match", ifMatch } },
        };
}
