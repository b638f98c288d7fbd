namespace Coopdir.Core.Solutions;

/// <summary>
/// A code repository's URL as the identifier of scheme <see cref="SolutionRules.RepositoryScheme"/> holds it, so
/// that two sources naming one repository meet on it: https, the host in lower case, no query or fragment, no
/// trailing slash or ".git". The path keeps its case (GitHub ignores it, other hosts need not).
/// </summary>
public static class RepositoryUrl
{
    /// <returns>The normalised URL, or null when the value is not an absolute http(s) or git URL.</returns>
    public static string? Normalise(string? url)
    {
        if (url is null || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https" or "git") || string.IsNullOrEmpty(uri.Host)) return null;
        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith(".git", StringComparison.OrdinalIgnoreCase)) path = path[..^4].TrimEnd('/');
        // git:// runs on its own port; the same repository over https runs on https's.
        var port = uri.IsDefaultPort || uri.Port == 80 || uri.Scheme == "git" ? "" : $":{uri.Port}";
        return $"https://{uri.Host.ToLowerInvariant()}{port}{path}";
    }
}
