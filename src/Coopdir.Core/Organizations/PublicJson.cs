using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coopdir.Core.Organizations;

/// <summary>How the public JSON is written everywhere: the API, JSON Lines exports, the CLI.</summary>
public static class PublicJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        // {"name":"a","name":"b"} is ambiguous, so refused (400), whichever reader sees it.
        options.AllowDuplicateProperties = false;
        return options;
    }
}
