using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Search;

/// <summary>Organizations placed where the filter rules have edges, and the cases that probe those edges.</summary>
public static class FilterAgreementData
{
    public static readonly OrganizationContent[] Placed =
    [
        An.Organization("Suva Fishers Co-operative").OfTypes("worker").InSector("fishing").In("FJ", "Suva", -18.1416, 178.4419, "Central"),
        An.Organization("Taveuni Copra Co-operative").OfTypes("producer").InSector("agriculture").In("FJ", "Taveuni", -16.85, -179.97, "Northern"),
        An.Organization("Chatham Islands Fishing Co-operative").OfTypes("producer", "worker").In("NZ", "Waitangi", -43.95, -176.56, "Chatham Islands"),
        An.Organization("Adak Island Co-operative").OfTypes("consumer").In("US", "Adak", 51.88, -176.66, "Alaska"),
        An.Organization("Longyearbyen Co-operative").OfTypes("consumer").In("NO", "Longyearbyen", 78.22, 15.65, "Svalbard"),
        // Each place condition holds for one of its locations, but only some hold for the same one.
        An.Organization("Two Towns Co-operative").OfTypes("worker").InSector("manufacturing")
            .In("GB", "Leeds", 53.7997, -1.5492, "West Yorkshire").In("FR", "Lyon", 45.764, 4.8357, "Auvergne-Rhône-Alpes"),
        // Names equal but for case, accented capitals included: one place on both stores.
        An.Organization("Coopérative d'Évry").In("FR", "Évry", 48.6239, 2.4294, "Île-de-France"),
        An.Organization("COOPÉRATIVE D'ÉVRY NORD").In("FR", "ÉVRY", 48.6412, 2.4381, "ÎLE-DE-FRANCE"),
        An.Organization("coopérative d'évry sud").In("FR", "évry", 48.6101, 2.4402, "île-de-france"),
        An.Organization("Evry Ouest Cooperative").In("FR", "EVRY", 48.6290, 2.4100, "ILE-DE-FRANCE"),
        An.Organization("Placeless Co-operative").OfTypes("platform").InSector("services"),
        An.Organization("Unmapped Co-operative").OfTypes("housing").InSector("housing").In("GB", "Leeds", region: "West Yorkshire"),
    ];

    public static readonly Filters[] HandPicked =
    [
        new() { Countries = ["GB"], Localities = ["Lyon"] },
        new() { Countries = ["FR"], Localities = ["Leeds"] },
        new() { Countries = ["FR"], Regions = ["West Yorkshire"] },
        new() { Countries = ["GB", "FR"], Localities = ["Lyon", "leeds"] },
        new() { Regions = ["île-de-france"] },
        new() { Regions = ["ÎLE-DE-FRANCE"] },
        new() { Regions = ["Île-de-France"] },
        new() { Regions = ["ile-de-france"] },
        new() { Localities = ["évry"] },
        new() { Localities = ["ÉVRY", "Evry"] },
        new() { Localities = ["LEEDS"], Types = ["housing", "worker"] },
        new() { Bbox = (170, -50, -170, 60) },
        new() { Bbox = (178, -20, -179.5, -15) },
        new() { Bbox = (-179.99, -90, 179.99, 90) },
        new() { Bbox = (179.99, -90, -179.99, 90) },
        new() { Bbox = (-3.0001, 53.0001, -1.0001, 54.0001), Q = "co-operative" },
        new() { Near = (-17, 179.5), RadiusKm = 300 },
        new() { Near = (-17, -179.9), RadiusKm = 120 },
        new() { Near = (78.5, 15), RadiusKm = 1500 },
        new() { Near = (80, 100), RadiusKm = 2500 },
        new() { Near = (53.8, -1.55), Countries = ["FR"] },
        new() { Near = (53.8, -1.55), RadiusKm = 1, Countries = ["FR"] },
        new() { Near = (45.76, 4.83), RadiusKm = 5, Localities = ["Leeds"] },
        new() { Near = (51.5074, -0.1278), RadiusKm = 20037.5 },
        new() { Q = "co-operative", Countries = ["FR"] },
        new() { Q = "fishing", Bbox = (170, -50, -170, 60) },
        new() { Kinds = ["cooperative", "network"], Types = ["worker", "consumer"] },
        new() { Kinds = ["municipality"] },
        new() { Sectors = ["housing", "agriculture"], Countries = ["GB", "JE"] },
        new() { Countries = ["JE"] },
        new() { Countries = ["NZ", "FJ", "US"], Types = ["producer"] },
    ];
}
