namespace Coopdir.Core.Solutions;

/// <summary>The licence ids an SPDX licence expression names, for facets and filters ("MIT OR Apache-2.0" is under both).</summary>
public static class SolutionLicences
{
    private static readonly char[] Separators = [' ', '\t', '(', ')'];

    /// <summary>
    /// Each licence id in the expression once, in its order: the operators AND, OR and WITH are left out, and
    /// so is the exception after WITH (a licence exception is not a licence one chooses software by).
    /// </summary>
    public static IReadOnlyList<string> IdsOf(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression)) return [];
        var ids = new List<string>();
        var afterWith = false;
        foreach (var token in expression.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.Equals("WITH", StringComparison.OrdinalIgnoreCase)) { afterWith = true; continue; }
            if (afterWith) { afterWith = false; continue; }
            if (token.Equals("AND", StringComparison.OrdinalIgnoreCase) || token.Equals("OR", StringComparison.OrdinalIgnoreCase)) continue;
            if (!ids.Contains(token, StringComparer.OrdinalIgnoreCase)) ids.Add(token);
        }
        return ids;
    }
}
