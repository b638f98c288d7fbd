using System.Net.Http.Json;
using System.Text.Json;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Changes;

/// <summary>How far a catch-up got: changes applied, the cursor reached, and why it stopped early if it did.</summary>
public sealed record MirrorResult(int Applied, string Cursor, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Keeps this directory a copy of another Coopdir by following its changes feed over HTTP, a page at
/// a time, each page and the cursor after it in one transaction.
/// </summary>
public sealed class Mirror(Store store, HttpClient http, TimeProvider clock)
{
    public const int PageSize = 500;

    private readonly MirrorApply apply = new(store, clock);

    /// <summary>Applies every change the source has after this directory's cursor.</summary>
    public async Task<MirrorResult> CatchUpAsync(Uri source, IProgress<MirrorResult>? progress = null, CancellationToken cancellation = default)
    {
        var key = MirrorCursors.Key(source);
        string? cursor, error;
        await using (var connection = await store.OpenAsync()) (cursor, error) = await MirrorCursors.StartAsync(connection, key);
        if (cursor is null) return new MirrorResult(0, "", error);

        var applied = 0;
        while (true)
        {
            var (page, fetchError) = await FetchAsync(key, cursor, cancellation);
            if (page is null) return new MirrorResult(applied, cursor, fetchError);
            if (page.Changes.Count == 0) return new MirrorResult(applied, cursor, null);
            if (await apply.PageAsync(key, cursor, page) is { } applyError) return new MirrorResult(applied, cursor, applyError);
            applied += page.Changes.Count;
            cursor = page.Next;
            progress?.Report(new MirrorResult(applied, cursor, null));
            if (!page.HasMore) return new MirrorResult(applied, cursor, null);
        }
    }

    private async Task<(ChangePage? Page, string? Error)> FetchAsync(string key, string cursor, CancellationToken cancellation)
    {
        var url = $"{key}/api/v1/changes?since={Uri.EscapeDataString(cursor)}&limit={PageSize}";
        try
        {
            using var response = await http.GetAsync(url, cancellation);
            if (!response.IsSuccessStatusCode)
                return (null, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellation)}");
            var page = await response.Content.ReadFromJsonAsync<ChangePage>(PublicJson.Options, cancellation);
            return page is null ? (null, $"GET {url} returned no page") : (page, null);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            return (null, $"GET {url} failed: {e.Message}");
        }
    }
}
