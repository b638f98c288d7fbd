using System.Net;
using System.Text.Json;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Payments.Clearing;

/// <summary>What the peer answered: its record's state, or a refusal (4xx, with its detail), or nothing (down, 5xx, garbled).</summary>
public sealed record PeerAnswer(ClearingStateMessage? State, HttpStatusCode? Status, string? Refusal)
{
    public bool Unreachable => State is null && Refusal is null;
}

/// <summary>
/// Signed calls to the peer instance's clearing endpoints. An answer that moves a transfer on (a 2xx with its state) counts
/// only when the peer signed it and it names the transfer asked about; otherwise it is treated as no answer, and the call
/// is made again later. A refusal needs no signature: believing a forged one can only stop a payment, never pay one.
/// </summary>
public sealed class ClearingPeerClient(HttpClient http)
{
    public Task<PeerAnswer> PrepareAsync(ClearingAgreement agreement, string secret, PrepareMessage message) =>
        SendAsync(HttpMethod.Post, agreement, secret, "prepare", message, message.TransferId!);

    public Task<PeerAnswer> DecideAsync(ClearingAgreement agreement, string secret, string transferId, bool commit) =>
        SendAsync(HttpMethod.Post, agreement, secret, commit ? "commit" : "abort", new DecisionMessage(transferId), transferId);

    /// <summary>The participant asks the coordinator how a transfer it holds prepared ended.</summary>
    public Task<PeerAnswer> OutcomeAsync(ClearingAgreement agreement, string secret, string transferId) =>
        SendAsync(HttpMethod.Get, agreement, secret, "transfers/" + Uri.EscapeDataString(transferId), null, transferId);

    /// <summary>The path a call is signed over: the peer's route, without the peer's base URL.</summary>
    public static string PathOf(string currency, string agreement, string action) =>
        $"/api/v1/money/currencies/{Uri.EscapeDataString(currency)}/clearing/{Uri.EscapeDataString(agreement)}/{action}";

    private async Task<PeerAnswer> SendAsync(HttpMethod method, ClearingAgreement agreement, string secret, string action, object? message,
        string transferId)
    {
        // No answer: what was to be sent stays to be sent, once the operator has made the URL https (the recovery says which).
        if (agreement.PeerUrlRefusal is not null) return new(null, null, null);
        var path = PathOf(agreement.PeerCurrency, agreement.Name, action);
        var body = message is null ? [] : JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), PublicJson.Options);
        using var request = new HttpRequestMessage(method, agreement.PeerUrl + path);
        if (message is not null) request.Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } };
        request.Headers.Add(ClearingSignature.Header, ClearingSignature.Sign(secret, method.Method, path, body));
        try
        {
            using var response = await http.SendAsync(request);
            var answer = await response.Content.ReadAsByteArrayAsync();
            if (response.IsSuccessStatusCode)
            {
                var signature = response.Headers.TryGetValues(ClearingSignature.Header, out var values) ? values.FirstOrDefault() : null;
                if (!ClearingSignature.IsValidAnswer(secret, method.Method, path, answer, signature)) return new(null, response.StatusCode, null);
                var state = JsonSerializer.Deserialize<ClearingStateMessage>(answer, PublicJson.Options);
                return state?.TransferId == transferId ? new(state, response.StatusCode, null) : new(null, response.StatusCode, null);
            }
            var text = System.Text.Encoding.UTF8.GetString(answer);
            // Too many requests or a timeout: the peer will take the call later; any other 4xx is its refusal.
            if ((int)response.StatusCode is >= 400 and < 500 and not (408 or 429))
                return new(null, response.StatusCode, DetailOf(text) ?? $"The peer answered {(int)response.StatusCode}.");
            return new(null, response.StatusCode, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new(null, null, null);
        }
    }

    private static string? DetailOf(string problem)
    {
        try
        {
            using var json = JsonDocument.Parse(problem);
            return json.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                ? detail.GetString()
                : json.RootElement.TryGetProperty("title", out var title) ? title.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
