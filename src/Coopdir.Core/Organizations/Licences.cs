namespace Coopdir.Core.Organizations;

public sealed record Licence(string Id, string Name, string? Url);

/// <summary>The licences records can carry, by SPDX identifier.</summary>
public static class Licences
{
    public const string DirectoryDefault = "CC-BY-4.0";

    public static IReadOnlyList<Licence> Known { get; } =
    [
        new("CC-BY-4.0", "Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
        new("CC-BY-SA-4.0", "Creative Commons Attribution-ShareAlike 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
        new("CC-BY-3.0", "Creative Commons Attribution 3.0", "https://creativecommons.org/licenses/by/3.0/"),
        new("CC0-1.0", "Creative Commons Zero 1.0 (public domain dedication)", "https://creativecommons.org/publicdomain/zero/1.0/"),
        new("ODC-By-1.0", "Open Data Commons Attribution License 1.0", "https://opendatacommons.org/licenses/by/1-0/"),
        new("ODbL-1.0", "Open Data Commons Open Database License 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
        new("PDDL-1.0", "Open Data Commons Public Domain Dedication and License 1.0", "https://opendatacommons.org/licenses/pddl/1-0/"),
        // Code for America's brigade-information: data published in a code repository under its code licence.
        new("MIT", "MIT License", "https://opensource.org/license/mit"),
        new("OGL-UK-3.0", "Open Government Licence v3.0", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"),
        // The Digital Public Goods Alliance's registry.
        new("Unlicense", "The Unlicense (public domain dedication)", "https://unlicense.org/"),
        // The French national software catalogue, code.gouv.fr (Licence Ouverte / Open Licence 2.0).
        new("etalab-2.0", "Etalab Open Licence 2.0", "https://www.etalab.gouv.fr/wp-content/uploads/2018/11/open-licence.pdf"),
        // For a source that declares itself public domain without naming a dedication (SPDX has no id for that).
        new("LicenseRef-PublicDomain", "Public domain (as its source declares)", null),
    ];

    public static Licence? Find(string id) =>
        Known.FirstOrDefault(l => string.Equals(l.Id, id, StringComparison.OrdinalIgnoreCase));
}
