namespace Coopdir.Core.Imports;

/// <summary>
/// The civic tech lists as sources: who publishes them, where, and under which licence, for the CLI's
/// defaults and the demo data alike.
/// </summary>
public static class CivicTechSources
{
    public static ImportOptions BrigadeInformation { get; } = new(
        "Code for America brigade-information", "MIT", "Brigade information, Copyright (c) 2015 Code for America (MIT License)",
        "https://github.com/codeforamerica/brigade-information", Publisher: "Code for America");

    public static ImportOptions GovernmentGithub(GithubList list) => new(
        list == GithubList.Governments ? "GitHub government organizations (governments)" : "GitHub government organizations (civic hackers)",
        "CC0-1.0", null, "https://github.com/github/government.github.com", Publisher: "GitHub (government.github.com)");
}
