namespace Coopdir.Core.Accounts;

/// <summary>
/// What an account may do, in rising order of trust. A reader has no account; contributors propose,
/// editors apply changes directly, maintainers review proposals, admins also manage accounts.
/// </summary>
public static class Roles
{
    public const string Contributor = "contributor";
    public const string Editor = "editor";
    public const string Maintainer = "maintainer";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Contributor, Editor, Maintainer, Admin];

    public static bool IsKnown(string role) => All.Contains(role);

    /// <summary>True when <paramref name="role"/> grants at least what <paramref name="required"/> does.</summary>
    public static bool AtLeast(string? role, string required) =>
        role is not null && IsKnown(role) && Rank(role) >= Rank(required);

    private static int Rank(string role) => All.ToList().IndexOf(role);
}
