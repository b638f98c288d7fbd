using System.Globalization;
using System.Text.RegularExpressions;

namespace Coopdir.Core.Imports;

/// <summary>
/// The place a city-level government's GitHub login names, by a few explicit patterns and nothing else.
/// Words are split at hyphens, underscores, dots and case changes ("CityOfBoston", "city-of-bellingham");
/// a login in one case has no word breaks to find, so what the pattern leaves is taken as one word
/// ("cityofwestsacramento" gives "Westsacramento", which the area resolution then reports as no place).
/// <list type="bullet">
/// <item>"City of X", "Town of X", "Village of X": X (<c>CityOfBoston</c>: Boston, <c>TownOfBrookline</c>: Brookline);</item>
/// <item>"London Borough of X", "Royal Borough of X" ("of" optional): X (<c>LondonBoroughSutton</c>: Sutton);</item>
/// <item>"X Council", "X City Council", "X County Council", "X District Council", "X Borough Council": X
/// (<c>BristolCityCouncil</c>: Bristol, <c>LambethCouncil</c>: Lambeth);</item>
/// <item>"X County": "X County", the county's own name (<c>ArlingtonCounty</c>: Arlington County).</item>
/// </list>
/// Any other login names no place (<c>chicago</c>, <c>DCgov</c>, <c>kcmo</c>): a bare word may be a
/// place or not, and is not guessed.
/// </summary>
public static partial class GithubPlaceNames
{
    public static string? FromLogin(string login)
    {
        var words = Words(login);
        foreach (var pattern in (Regex[])[Prefixed(), Council(), County()])
        {
            if (pattern.Match(words) is not { Success: true } match) continue;
            var place = match.Groups["place"].Value.Trim();
            if (place.Length == 0) return null;
            var title = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(place);
            return match.Groups["county"].Success ? $"{title} County" : title;
        }
        return null;
    }

    // "CityofSanFrancisco" → "Cityof San Francisco", "city-of-bellingham" → "city of bellingham".
    private static string Words(string login) => Separators().Replace(CaseChange().Replace(login, " "), " ").Trim();

    [GeneratedRegex(@"(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})")]
    private static partial Regex CaseChange();

    [GeneratedRegex(@"[\s\-_.]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?:(?:city|town|village)\s*of|(?:london|royal)\s*borough(?:\s*of)?)\s*(?<place>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Prefixed();

    [GeneratedRegex(@"^(?<place>.+?)\s*(?:city|county|district|borough)?\s*council$", RegexOptions.IgnoreCase)]
    private static partial Regex Council();

    [GeneratedRegex(@"^(?<place>.+?)\s*(?<county>county)$", RegexOptions.IgnoreCase)]
    private static partial Regex County();
}
