using NuGet.Packaging.Licenses;

namespace Coopdir.Core.Solutions.PublicCode;

/// <summary>
/// SPDX licence expressions (publiccode.yml's <c>legal.license</c>), parsed and checked against the SPDX licence list by
/// NuGet.Packaging (NuGet's own licence-expression parser, which carries the list). SPDX matches licence ids without
/// regard to case, so <c>apache-2.0</c> is Apache-2.0: <see cref="Normalise"/> gives the list's spelling.
/// </summary>
public static class Spdx
{
    private static readonly Dictionary<string, string> Licences =
        NuGetLicenseData.LicenseList.Keys.ToDictionary(k => k, k => k, StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, string> Exceptions =
        NuGetLicenseData.ExceptionList.Keys.ToDictionary(k => k, k => k, StringComparer.OrdinalIgnoreCase);

    /// <summary>Why the expression is not a valid SPDX expression of listed licences, or null when it is.</summary>
    public static string? Check(string expression)
    {
        if (Parse(expression) is (null, var error)) return error;
        return null;
    }

    /// <summary>The expression with each licence and exception id spelled as the SPDX list spells it, or null when invalid.</summary>
    public static string? Normalise(string expression) => Parse(expression).Normalised;

    private static (string? Normalised, string? Error) Parse(string expression)
    {
        if (expression.Length > SolutionRules.MaxShortText) return (null, $"is longer than {SolutionRules.MaxShortText} characters");
        var tokens = expression.Replace("(", " ( ").Replace(")", " ) ").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var afterWith = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token is "(" or ")" or "AND" or "OR" or "WITH") { afterWith = token == "WITH"; continue; }
            var plus = token.EndsWith('+') ? "+" : "";
            var id = token.TrimEnd('+');
            if (afterWith) tokens[i] = Exceptions.TryGetValue(id, out var exception) ? exception : token;
            else if (id.StartsWith("LicenseRef-", StringComparison.OrdinalIgnoreCase)) tokens[i] = token;
            else if (Licences.TryGetValue(id, out var licence)) tokens[i] = licence + plus;
            else return (null, $"'{id}' is not an SPDX licence identifier (see https://spdx.org/licenses/)");
            afterWith = false;
        }
        var normalised = string.Join(' ', tokens).Replace("( ", "(").Replace(" )", ")");
        try
        {
            var parsed = NuGetLicenseExpression.Parse(normalised);
            if (Unlisted(parsed) is { } unlisted) return (null, $"'{unlisted}' is not an SPDX licence identifier (see https://spdx.org/licenses/)");
            return (normalised, null);
        }
        catch (NuGetLicenseExpressionParsingException e)
        {
            return (null, $"'{expression}' is not a valid SPDX expression: {e.Message}");
        }
    }

    private static string? Unlisted(NuGetLicenseExpression expression) => expression switch
    {
        NuGetLicense { IsStandardLicense: false } licence when !licence.Identifier.StartsWith("LicenseRef-", StringComparison.Ordinal) => licence.Identifier,
        LogicalOperator logical => Unlisted(logical.Left) ?? Unlisted(logical.Right),
        WithOperator with => Unlisted(with.License),
        _ => null,
    };
}
